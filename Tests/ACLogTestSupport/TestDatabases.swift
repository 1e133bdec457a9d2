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
