import Foundation
import Testing

/// `aclog import` with the real binary: formats, gzip, idempotence, and a truncated file.
@Suite struct ImportTests {
    let folder = NSTemporaryDirectory() + "aclog-import-\(UUID().uuidString.prefix(8))"
    var database: String { folder + "/import.db" }

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func copy(_ fixture: String, as name: String) throws -> String {
        let target = folder + "/" + name
        try FileManager.default.copyItem(atPath: Harness.fixtures.appendingPathComponent(fixture).path, toPath: target)
        return target
    }

    func count(_ service: String) throws -> Int {
        let result = try Harness.aclog(["tail", service, "-n", "100000", "-o", "json", "--db", database])
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").count
    }

    @Test func importsEachFormatOnceAndKeepsWhatCameBeforeABadByte() throws {
        let id = String(repeating: "ab", count: 32)
        let jsonFile = try copy("json-file-on-disk.weird-lines.jsonl", as: "\(id)-json.log")
        let dockerLog = try copy("agentchat_backend_uvicorn.docker-ts.log", as: "backend.log")
        let plain = try copy("redis.log", as: "redis.log")
        #expect(try Harness.run("/bin/gzip", [plain]).status == 0)

        let first = try Harness.aclog(["import", jsonFile, "--service", "weird", "--db", database])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("(json-file)"))
        // The json-file's 16 KiB parts are one record again: 9 stdout lines and 2 stderr lines.
        #expect(try count("weird") == 11)
        let second = try Harness.aclog(["import", dockerLog, plain + ".gz", "--service", "backend", "--db", database])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("(docker-timestamps)") && second.stdout.contains("(plain)"))
        let backend = try count("backend")
        #expect(backend > 30)

        // Again: nothing new.
        let again = try Harness.aclog(["import", jsonFile, "--service", "weird", "--db", database])
        let againBackend = try Harness.aclog(["import", dockerLog, "--service", "backend", "--db", database])
        #expect(again.status == 0 && againBackend.status == 0)
        #expect(try count("weird") == 11)
        #expect(try count("backend") == backend)
        let ps = try Harness.aclog(["ps", "-o", "json", "--db", database]).stdout
        #expect(ps.contains("\"records\":11"))

        // Cut short inside its last entry: the records before it are kept, the error names the file and the byte.
        let whole = try Data(contentsOf: URL(fileURLWithPath: jsonFile))
        let cut = folder + "/cut-json.log"
        try whole.prefix(93_000).write(to: URL(fileURLWithPath: cut))
        let truncated = try Harness.aclog(["import", cut, "--service", "cut", "--db", database])
        #expect(truncated.status == 2)
        #expect(truncated.stderr.contains("cut-json.log") && truncated.stderr.contains("at byte "), "\(truncated.stderr)")
        #expect(truncated.stderr.split(separator: "\n").count == 1)
        #expect(try count("cut") >= 8)
    }

    /// A request logged by uvicorn and by the app's loguru middleware counts once (issue 16): the
    /// FastAPI fixture's 6 requests, one of them a 500; and a --field no record has is named.
    @Test func requestsCountOnceAndAnAbsentFieldIsNamed() throws {
        let log = try copy("agentchat_backend_uvicorn.docker-ts.log", as: "backend.log")
        try #require(try Harness.aclog(["import", log, "--service", "backend", "--db", database]).status == 0)
        let errors = try Harness.aclog(["errors", "backend", "--since", "3650d", "--bucket", "3650d", "-o", "json", "--db", database])
        let bucket = try #require(errors.stdout.split(separator: "\n").first { $0.contains("\"requests\"") }, "\(errors.stdout)")
        #expect(bucket.contains("\"requests\":6") && bucket.contains("\"server_errors\":1"), "\(bucket)")
        // Both lines of each request keep their fields.
        let both = try Harness.aclog(["tail", "backend", "--since", "3650d", "--field", "http.status=500", "-o", "raw", "--db", database])
        #expect(both.stdout.split(separator: "\n").count == 2, "\(both.stdout)")

        let wrong = try Harness.aclog(["tail", "backend", "--since", "3650d", "--field", "status>=500", "--db", database])
        #expect(wrong.status == 2 && wrong.stderr.contains("'status'") && wrong.stderr.contains("did you mean 'http.status'"), "\(wrong.stderr)")
        #expect(wrong.stderr.split(separator: "\n").count == 1)
        let none = try Harness.aclog(["tail", "backend", "--since", "3650d", "--field", "nosuchfield=1", "--db", database])
        #expect(none.status == 2 && none.stderr.contains("'nosuchfield'"), "\(none.stderr)")
        let empty = try Harness.aclog(["tail", "backend", "--since", "3650d", "--field", "http.status>=599", "--db", database])
        #expect(empty.status == 0 && empty.stdout.isEmpty && empty.stderr.isEmpty, "a field some records have: \(empty.stderr)")
    }

    /// The secrets in AgentChat's generated output never reach the database file.
    @Test func importedSecretsAreMaskedOnDisk() throws {
        let log = try copy("agentchat_backend_uvicorn.docker-ts.log", as: "secrets.log")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let secrets = ["sk-6d47d94f4c734357demo0000", "root:123456", "abcdefghijklmnop"]
        #expect(secrets.allSatisfy { text.contains($0) })
        let result = try Harness.aclog(["import", log, "--service", "backend", "--db", database])
        #expect(result.status == 0, "\(result.stderr)")
        var bytes = Data()
        for suffix in ["", "-wal"] { bytes += (try? Data(contentsOf: URL(fileURLWithPath: database + suffix))) ?? Data() }
        #expect(bytes.count > 10_000)
        for secret in secrets { #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in the database") }
    }

    /// Plain lines that carry their own time keep it; others follow the file time and line order.
    @Test func plainLinesKeepTheirOwnTimes() throws {
        let log = folder + "/app.log"
        try "2026-11-25 02:00:01.250 INFO started\n  continuation without a time\n2026-11-25T02:00:05Z ERROR failed\n"
            .write(toFile: log, atomically: true, encoding: .utf8)
        let result = try Harness.aclog(["import", log, "--service", "app", "--input-format", "plain", "--db", database])
        #expect(result.status == 0, "\(result.stderr)")
        let out = try Harness.aclog(["tail", "app", "--utc", "-n", "10", "--db", database]).stdout
        #expect(out.contains("2026-11-25 02:00:05.000"), "\(out)")
        let json = try Harness.aclog(["tail", "app", "-n", "10", "-o", "json", "--db", database]).stdout
        #expect(json.contains("\"time\":\"2026-11-25T02:00:05.000000000Z\""), "\(json)")
        #expect(json.split(separator: "\n").count == 2, "the indented line joins the record before it")
    }

    @Test func badInputIsOneLine() throws {
        for (arguments, mentions) in [(["import", folder + "/missing.log"], "missing.log"), (["import", "--input-format", "xml", "x"], "'xml'")] {
            let result = try Harness.aclog(arguments + ["--db", database])
            #expect(result.status == 2)
            #expect(result.stderr.contains(mentions) && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }
}

/// The configuration file: the user's own redaction patterns, built-ins turned off, formats per service.
@Suite struct ConfigurationTests {
    let folder = NSTemporaryDirectory() + "aclog-config-\(UUID().uuidString.prefix(8))"

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    @Test func userPatternsAndDisabledBuiltInsApply() throws {
        let config = folder + "/config.json"
        try #"""
            {
              "formats": { "legacy": ["plain"] },
              "redaction": {
                "disable": ["key-value-secret"],
                "patterns": [ { "name": "employee-id", "pattern": "\\bEMP-\\d{6}\\b", "triggers": ["emp-"] } ]
              }
            }
            """#.write(toFile: config, atomically: true, encoding: .utf8)
        let log = folder + "/legacy.log"
        try "badge EMP-123456 opened door 4\npassword: hunter2 (a test fixture)\nkey sk-6d47d94f4c734357demo0000 used\n"
            .write(toFile: log, atomically: true, encoding: .utf8)
        let db = folder + "/c.db"
        let imported = try Harness.aclog(["import", log, "--service", "legacy", "--config", config, "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        let out = try Harness.aclog(["tail", "legacy", "-n", "10", "-o", "raw", "--db", db]).stdout
        #expect(out.contains("badge [REDACTED] opened door 4"))
        #expect(out.contains("password: hunter2"), "the disabled rule no longer masks it")
        #expect(out.contains("key [REDACTED] used"), "other built-ins still apply")
    }

    @Test func aBrokenConfigurationIsOneLine() throws {
        for (text, mentions) in [("{ not json", "line 1: not JSON: expected a key in double quotes"), (#"{"formats": {"x": ["cobol"]}}"#, "'cobol'"),
                                 (#"{"redaction": {"disable": ["nope"]}}"#, "'nope'"),
                                 (#"{"redaction": {"patterns": [{"name": "bad", "pattern": "("}]}}"#, "'bad'")] {
            let config = folder + "/bad-\(UUID().uuidString.prefix(4)).json"
            try text.write(toFile: config, atomically: true, encoding: .utf8)
            let result = try Harness.aclog(["import", "--config", config, "--db", folder + "/x.db", folder + "/none.log"])
            #expect(result.status == 2)
            #expect(result.stderr.contains(mentions) && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        let missing = try Harness.aclog(["import", "--config", folder + "/missing.json", "--db", folder + "/x.db", folder + "/none.log"])
        #expect(missing.status == 2 && missing.stderr.contains("missing.json"))
    }
}
