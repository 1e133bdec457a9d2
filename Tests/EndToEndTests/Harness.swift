import Foundation

/// Runs programs for the end-to-end tests: the real `aclog` binary and the real `docker` CLI.
enum Harness {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let environment = ProcessInfo.processInfo.environment

    /// True when the suite must run (the README's test command sets ACLOG_E2E=1).
    static var required: Bool { environment["ACLOG_E2E"] == "1" }

    /// The aclog binary built beside this test bundle, or $ACLOG_BIN.
    static var aclog: String {
        if let path = environment["ACLOG_BIN"], !path.isEmpty { return path }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("aclog").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/aclog").path
    }

    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static func fixtureLines(_ name: String) -> [String] {
        let text = try! String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.contains("/") ? executable : "/usr/bin/env")
        process.arguments = executable.contains("/") ? arguments : [executable] + arguments
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the child runs, so a large output cannot block it.
        let outData = Mutexed(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outData.set(out.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData.get(), as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    @discardableResult
    static func docker(_ arguments: String...) throws -> Result {
        try run("docker", arguments)
    }

    static func aclog(_ arguments: [String]) throws -> Result {
        try run(aclog, arguments)
    }

    static func engineAnswers() -> Bool {
        (try? docker("version", "--format", "{{.Server.Version}}").status) == 0
    }
}

/// A value shared with a background queue.
final class Mutexed<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.lock(); defer { lock.unlock() }; return value }
    func set(_ newValue: Value) { lock.lock(); value = newValue; lock.unlock() }
}

/// `aclog collect` running in the background, its log in a file.
final class CollectorProcess {
    let process = Process()
    let logPath: String

    init(database: String, logPath: String) throws {
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process.executableURL = URL(fileURLWithPath: Harness.aclog)
        process.arguments = ["collect", "--db", database]
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func kill(_ signal: Int32) {
        _ = Foundation.kill(pid, signal)
    }

    /// Waits for the exit; returns the status and how long it took, or nil after `timeout`.
    func waitForExit(timeout: TimeInterval) -> (status: Int32, seconds: TimeInterval)? {
        let start = Date()
        while process.isRunning {
            if Date().timeIntervalSince(start) > timeout { return nil }
            usleep(20_000)
        }
        return (process.terminationStatus, Date().timeIntervalSince(start))
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}
