import ACLogModel
import Foundation

/// A database path in a new folder of its own (with a folder to create on the way).
public func temporaryDatabase() -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aclog-test-\(UUID().uuidString)")
    return folder.appendingPathComponent("nested/aclog.db").path
}

/// A running container whose 64-hex id starts with `id`.
public func container(_ id: String, name: String, service: String?) -> ContainerInfo {
    ContainerInfo(id: id + String(repeating: "0", count: 64 - id.count), name: name, image: "img", composeService: service, state: "running")
}

/// The clock of the query tests' histories: 10:00 on a day, so that times read easily.
public protocol FixtureClock {}

extension FixtureClock {
    public static var second: Int64 { Timestamp.nanosPerSecond }
    public static var minute: Int64 { 60 * Timestamp.nanosPerSecond }
    public static var t0: Int64 { 1_764_064_800 * Timestamp.nanosPerSecond }
}
