import Foundation
import Testing

/// `aclog grep` and `aclog sql` with the real binary, on an imported file.
@Suite struct QueryCommandTests {
    let folder = NSTemporaryDirectory() + "aclog-query-\(UUID().uuidString.prefix(8))"
    var database: String { folder + "/q.db" }

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let log = folder + "/app.log"
        let lines = (1...30).map { i in
            i % 10 == 0 ? "2026-11-25T02:00:\(String(format: "%02d", i))Z ERROR Connection refused to redis:6379 (attempt \(i))"
                : "2026-11-25T02:00:\(String(format: "%02d", i))Z INFO request \(i) served in 12ms"
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: log, atomically: true, encoding: .utf8)
        let imported = try Harness.aclog(["import", log, "--service", "backend", "--input-format", "plain", "--db", database])
        try #require(imported.status == 0, "\(imported.stderr)")
    }

    @Test func grepFindsWithContextAndCounts() throws {
        let hits = try Harness.aclog(["grep", "connection refused", "--db", database, "-o", "raw"])
        #expect(hits.status == 0)
        #expect(hits.stdout.split(separator: "\n").count == 3)
        let context = try Harness.aclog(["grep", "attempt 20", "-C", "2", "--db", database, "-o", "raw"])
        // The numbers of the lines shown: two before, the match, two after.
        let numbers = context.stdout.split(separator: "\n").map { line -> Int in
            let words = line.split(separator: " ")
            let i = words.firstIndex { $0 == "request" || $0 == "(attempt" }!
            return Int(words[i + 1].trimmingCharacters(in: CharacterSet(charactersIn: ")")))!
        }
        #expect(numbers == [18, 19, 20, 21, 22])
        let worker = folder + "/worker.log"
        try "2026-11-25T02:00:01Z INFO worker idle\n".write(toFile: worker, atomically: true, encoding: .utf8)
        #expect(try Harness.aclog(["import", worker, "--service", "worker", "--db", database]).status == 0)
        // As grep -c: every service asked about, 0 too; status 1 when nothing matched at all.
        let counted = try Harness.aclog(["grep", "-c", "-F", "served in", "--db", database])
        #expect(counted.status == 0 && counted.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
                == ["SERVICE RECORDS", "backend 27", "worker 0"], "\(counted.stdout)")
        let nothing = try Harness.aclog(["grep", "-c", "nowhere", "--db", database])
        #expect(nothing.status == 1 && nothing.stdout.contains("backend") && nothing.stdout.contains("worker"), "\(nothing.stdout)")
        let limited = try Harness.aclog(["grep", "-m", "2", "-F", "served in", "-o", "raw", "--db", database])
        #expect(limited.status == 0 && limited.stdout.split(separator: "\n").count == 2, "\(limited.stdout)")
        let range = try Harness.aclog(["grep", "refused", "--since", "2026-11-25T02:00:15Z", "--utc", "--db", database, "-o", "raw"])
        #expect(range.stdout.split(separator: "\n").count == 2)
        let none = try Harness.aclog(["grep", "no such words here", "--db", database])
        #expect(none.status == 1 && none.stdout.isEmpty)
    }

    /// The default finds what `grep -F` finds, inside words too; `^` anchors at each line of a
    /// traceback; `-w` wants whole words (issue 16).
    @Test func grepFindsWhatGrepFindsInsideWordsAndLines() throws {
        let log = folder + "/tracebacks.log"
        var text = ""
        for i in 1...3 {
            text += "2026-11-25T03:00:0\(i)Z ERROR request \(i) failed\nTraceback (most recent call last):\n"
                + "  File \"/app/main.py\", line 3, in handler\n    1 / 0\nZeroDivisionError: division by zero\n"
                + "2026-11-25T03:00:0\(i)Z INFO request \(i + 10) served in 3ms\n"
        }
        try text.write(toFile: log, atomically: true, encoding: .utf8)
        try #require(try Harness.aclog(["import", log, "--service", "api", "--db", database]).status == 0)
        let grepF = try Harness.run("/usr/bin/grep", ["-c", "-F", "ZeroDivision", log])
        #expect(grepF.stdout == "3\n")
        for (arguments, count) in [(["ZeroDivision"], 3), (["zerodivision"], 3), (["-E", "^ZeroDivisionError"], 3),
                                   (["-E", "zero$"], 3), (["-E", "^Traceback.*zero"], 0), (["division by"], 3)] {
            let found = try Harness.aclog(["grep"] + arguments + ["api", "-c", "--db", database])
            #expect(found.stdout.contains("api \(count)") || found.stdout.split(separator: "\n").last?.split(separator: " ") == ["api", "\(count)"],
                    "\(arguments): \(found.stdout)")
        }
        let whole = try Harness.aclog(["grep", "-w", "ZeroDivision", "api", "--db", database])
        #expect(whole.status == 1 && whole.stdout.isEmpty, "\(whole.stdout)")
        let printed = try Harness.aclog(["grep", "ZeroDivision", "api", "-o", "raw", "--db", database])
        #expect(printed.stdout.components(separatedBy: "Traceback (most recent call last):").count - 1 == 3, "tracebacks printed whole: \(printed.stdout)")
    }

    @Test func matchesAreHighlightedOnATerminalOnly() throws {
        // `script` gives aclog a terminal; every match (any case) is wrapped in bold red.
        let command = "\(Harness.aclog) grep -i 'CONNECTION refused' --db \(database)"
        let tty = try Harness.run("/usr/bin/script", ["-qec", command, "/dev/null"], environment: ["NO_COLOR": ""])
        #expect(tty.status == 0)
        let highlighted = tty.stdout.components(separatedBy: "\u{1B}[1;31mConnection refused\u{1B}[0m").count - 1
        #expect(highlighted == 3, "\(tty.stdout)")
        let fixed = try Harness.run("/usr/bin/script", ["-qec", "\(Harness.aclog) grep -F 'in 12' --db \(database)", "/dev/null"], environment: ["NO_COLOR": ""])
        #expect(fixed.stdout.contains("served \u{1B}[1;31min 12\u{1B}[0mms"), "\(fixed.stdout)")
        let piped = try Harness.aclog(["grep", "connection refused", "--db", database])
        #expect(piped.stdout.contains("Connection refused") && !piped.stdout.contains("\u{1B}["))
    }

    @Test func pruneRemovesOldRecordsAndKeepsTheIndexInStep() throws {
        let kept = try Harness.aclog(["prune", "--keep-logs", "3650d", "--db", database])
        #expect(kept.status == 0 && kept.stdout.hasPrefix("removed 0 records"), "\(kept.stdout)\(kept.stderr)")
        let pruned = try Harness.aclog(["prune", "--keep-logs", "1h", "--db", database])
        #expect(pruned.status == 0 && pruned.stdout.hasPrefix("removed 30 records"), "\(pruned.stdout)\(pruned.stderr)")
        let doctor = try Harness.aclog(["doctor", "--db", database])
        #expect(doctor.status == 0, "\(doctor.stdout)")
        #expect(try Harness.aclog(["grep", "refused", "--db", database]).status == 1)
        let bad = try Harness.aclog(["prune", "--keep-logs", "a while", "--db", database])
        #expect(bad.status == 2 && bad.stderr.contains("a while"))
        let missing = try Harness.aclog(["prune", "--db", folder + "/none.db"])
        #expect(missing.status == 2 && !FileManager.default.fileExists(atPath: folder + "/none.db"))
    }

    @Test func dashboardPanelsAnswerFromTheNamedQueries() throws {
        for (panel, value) in [("panel_log_volume", "30"), ("panel_error_rate", "0.1")] {
            let result = try Harness.aclog(["sql", "--query", panel, "--param", "since=2026-11-25", "--param", "bucket=3600000000000",
                                            "-o", "csv", "--db", database])
            #expect(result.status == 0, "\(panel): \(result.stderr)")
            let rows = result.stdout.split(separator: "\n")
            #expect(rows.first == "time,service,value" && rows.count == 2, "\(panel): \(result.stdout)")
            #expect(rows.last?.hasSuffix(",backend,\(value)") == true, "\(panel): \(result.stdout)")
        }
    }

    @Test func statusShowsWhatIsStored() throws {
        let text = try Harness.aclog(["status", "--db", database])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("records     30,") && text.stdout.contains("never ran"), "\(text.stdout)")
        let json = try Harness.aclog(["status", "-o", "json", "--db", database])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["records"] as? Int == 30 && object["collector"] is NSNull && object["schema"] as? Int == Harness.latestSchema)
        #expect((object["gaps"] as? [Any])?.isEmpty == true && object["releases_free_pages"] as? Bool == true)
        let bad = try Harness.aclog(["status", "--gaps", "lately", "--db", database])
        #expect(bad.status == 2 && bad.stderr.contains("lately"))
    }

    @Test func retentionComesFromTheConfigurationFileUnlessAFlagSaysOtherwise() throws {
        let config = folder + "/config.json"
        try #"{"retention": {"logs": "1h", "max_size": "1GiB"}, "formats": {"backend": ["plain"]}}"#.write(toFile: config, atomically: true, encoding: .utf8)
        let flagWins = try Harness.aclog(["prune", "--config", config, "--keep-logs", "3650d", "--db", database])
        #expect(flagWins.status == 0 && flagWins.stdout.hasPrefix("removed 0 records"), "\(flagWins.stdout)\(flagWins.stderr)")
        let fromFile = try Harness.aclog(["prune", "--config", config, "--db", database])
        #expect(fromFile.status == 0 && fromFile.stdout.hasPrefix("removed 30 records"), "\(fromFile.stdout)\(fromFile.stderr)")
        try #"{"retention": {"logs": "soon"}}"#.write(toFile: config, atomically: true, encoding: .utf8)
        let bad = try Harness.aclog(["prune", "--config", config, "--db", database])
        #expect(bad.status == 2 && bad.stderr.contains("retention.logs 'soon'"), "\(bad.stderr)")
        try #"{"sampling": {"interval": "500ms"}}"#.write(toFile: config, atomically: true, encoding: .utf8)
        let interval = try Harness.aclog(["collect", "--config", config, "--db", database])
        #expect(interval.status == 2 && interval.stderr.contains("sampling.interval"), "\(interval.stderr)")
    }

    @Test func injectionThroughAnyFlagDoesNothing() throws {
        let before = try Harness.aclog(["sql", "SELECT count(*) FROM records", "--db", database]).stdout
        for pattern in ["x') OR 1=1 --", "\" OR \"1\"=\"1", "*", "refused\" OR \"INFO"] {
            let result = try Harness.aclog(["grep", "-F", pattern, "--db", database])
            #expect(result.status == 1, "\(pattern): \(result.stdout)")
        }
        let words = try Harness.aclog(["grep", "x\" OR \"request", "--db", database])
        #expect(words.status == 1)
        let service = try Harness.aclog(["tail", "x' OR '1'='1", "--db", database])
        #expect(service.status == 2 && service.stderr.contains("unknown service"))
        // A value is bound, never spliced: nothing matches, and these plain lines have no logger field.
        let field = try Harness.aclog(["tail", "--field", "logger=a' OR '1'='1", "--db", database])
        #expect(field.status == 2 && field.stdout.isEmpty && field.stderr.contains("field 'logger'"), "\(field.stderr)")
        let since = try Harness.aclog(["tail", "--since", "1h; DROP TABLE records", "--db", database])
        #expect(since.status == 2)
        #expect(try Harness.aclog(["sql", "SELECT count(*) FROM records", "--db", database]).stdout == before)
    }

    @Test func sqlReadsButNeverWrites() throws {
        let before = try Harness.aclog(["sql", "SELECT count(*) AS n FROM records", "-o", "json", "--db", database])
        #expect(before.stdout == "{\"n\":30}\n")
        for statement in ["DELETE FROM records", "DROP TABLE records", "INSERT INTO gaps (start_ts, end_ts, reason) VALUES (1, 2, 'x')",
                          "UPDATE containers SET name = 'x'", "SELECT 1; DELETE FROM records", "ATTACH '\(folder)/other.db' AS o",
                          "VACUUM INTO '\(folder)/copy.db'", "PRAGMA user_version = 99", "CREATE TABLE t (x)"] {
            let result = try Harness.aclog(["sql", statement, "--db", database])
            #expect(result.status == 2, "\(statement)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(statement): \(result.stderr)")
        }
        #expect(try Harness.aclog(["sql", "SELECT count(*) AS n FROM records", "-o", "json", "--db", database]).stdout == "{\"n\":30}\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/copy.db"))
        let version = try Harness.aclog(["sql", "PRAGMA user_version", "-o", "csv", "--db", database])
        #expect(version.stdout.hasSuffix("\n\(Harness.latestSchema)\n"))
        let named = try Harness.aclog(["sql", "--query", "tail", "--param", "limit=2", "--param", "since=2026-11-25", "-o", "csv", "--db", database])
        #expect(named.status == 0 && named.stdout.split(separator: "\n").count == 3, "\(named.stdout)\(named.stderr)")
        let list = try Harness.aclog(["sql", "--list", "--db", database])
        #expect(list.stdout.contains("grep_fts") && list.stdout.contains("tail"))
    }

    @Test func doctorFindsAnIndexOutOfStep() throws {
        let healthy = try Harness.aclog(["doctor", "--db", database])
        #expect(healthy.status == 0, "\(healthy.stdout)")
        #expect(!healthy.stdout.contains("FAILED"))
        // A record removed behind aclog's back, leaving its index entry.
        let removed = try Harness.run("/usr/bin/sqlite3", [database, "DELETE FROM records WHERE id = 5"])
        try #require(removed.status == 0, "\(removed.stderr)")
        let broken = try Harness.aclog(["doctor", "--db", database])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("search index content") && broken.stdout.contains("FAILED"), "\(broken.stdout)")
    }

    @Test func errorsReportRatesAndSignatures() throws {
        let table = try Harness.aclog(["errors", "--since", "2026-11-25", "--until", "2026-11-26", "--utc", "--db", database])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Connection refused to redis:<n> (attempt <n>)"), "\(table.stdout)")
        let json = try Harness.aclog(["errors", "--since", "2026-11-25", "--until", "2026-11-26", "--bucket", "1d", "-o", "json", "--db", database])
        let bucket = try #require(json.stdout.split(separator: "\n").first { $0.contains("\"type\":\"bucket\"") })
        #expect(bucket.contains("\"records\":30") && bucket.contains("\"errors\":3"), "\(bucket)")
        let bad = try Harness.aclog(["errors", "--bucket", "0m", "--db", database])
        #expect(bad.status == 2 && bad.stderr.contains("'0m'"))
    }
}
