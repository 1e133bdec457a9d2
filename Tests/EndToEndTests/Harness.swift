import Foundation
import Testing

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

    /// The schema version a new database gets: one per file of Migrations/.
    static var latestSchema: Int {
        let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: migrations)) ?? []).filter { $0.hasSuffix(".sql") }.count
    }

    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static func fixtureLines(_ name: String) -> [String] {
        let text = try! String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Runs a program to its end with posix_spawn and waitpid; output goes through files, not
    /// pipes, so a daemon the child leaves behind (scripts/engine.sh start) cannot hold them open.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let outPath = NSTemporaryDirectory() + "aclog-run-\(UUID().uuidString).out"
        let errPath = outPath + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = [executable] + arguments
        let env = environment.merging(extra) { $1 }.map { "\($0.key)=\($0.value)" }
        var cArgv = argv.map { strdup($0) } + [nil]
        var cEnv = env.map { strdup($0) } + [nil]
        defer {
            cArgv.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, executable, &actions, nil, &cArgv, &cEnv)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7F == 0
        return Result(
            status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// Writes a script through a close-on-exec descriptor: a child another test forks meanwhile
    /// must not inherit it open for writing, or exec of the script fails with "text file busy".
    static func writeExecutable(_ path: String, _ text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        try #require(fd >= 0, "cannot create \(path)")
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        try #require(written == bytes.count, "cannot write \(path)")
        let ready = Scenario.wait(timeout: 5, every: 0.05) { (try? run(path, ["version"])) != nil }
        try #require(ready, "\(path) could not be run")
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

/// `aclog collect` running in the background, its log in a file.
final class CollectorProcess {
    let process = Process()
    let logPath: String

    convenience init(database: String, logPath: String) throws {
        try self.init(arguments: ["collect", "--db", database], logPath: logPath)
    }

    init(arguments: [String], logPath: String) throws {
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process.executableURL = URL(fileURLWithPath: Harness.aclog)
        process.arguments = arguments
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

/// A progress line on stderr, unbuffered, for long end-to-end steps.
func trace(_ message: String) {
    FileHandle.standardError.write(Data("e2e: \(message)\n".utf8))
    if let path = Harness.environment["ACLOG_E2E_TRACE"], let file = FileHandle(forWritingAtPath: path) {
        file.seekToEndOfFile()
        file.write(Data("\(Date()) \(message)\n".utf8))
        try? file.close()
    }
}
