import Foundation
import Testing

/// User mistakes get one line on stderr naming the problem and exit code 2, never a stack trace.
@Suite struct BadInputTests {
    let folder = NSTemporaryDirectory() + "aclog-bad-\(UUID().uuidString.prefix(8))"

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// A stand-in docker: answers version, lists one container "backend" in `state`, runs `events`
    /// as `then`, and prints one line "hello" for logs, then `logsThen`.
    func fakeDocker(_ name: String, state: String, then events: String, logsThen: String) throws -> String {
        let docker = folder + "/" + name
        try Harness.writeExecutable(docker, """
            #!/bin/sh
            case "$1" in
              version) echo 20.10.24 ;;
              ps) printf 'aaaaaaaaaaaa\\tagentchat-backend\\timg\\t\(state)\\tbackend\\tdocker\\n' ;;
              events) \(events) ;;
              logs) printf '2026-11-26T10:00:00.000000000Z hello\\n'\(logsThen) ;;
            esac
            """)
        return docker
    }

    /// A database with one container "backend", written by a collector against a fake docker.
    func databaseWithOneService() throws -> String {
        let db = folder + "/ok.db"
        // It has no events, and its one container has exited with one line.
        let docker = try fakeDocker("docker", state: "exited", then: "sleep 0.3", logsThen: "")
        let collector = try CollectorProcess(arguments: ["collect", "--db", db, "--docker", docker], logPath: folder + "/collect.log")
        let stored = Scenario.wait(timeout: 10) {
            (try? Harness.aclog(["tail", "--db", db]).stdout.contains("hello")) == true
        }
        collector.kill(SIGTERM)
        let exit = collector.waitForExit(timeout: 5)
        try #require(stored, "the fake-docker collector stored nothing: \(collector.log)")
        #expect(exit?.status == 0)
        return db
    }

    func expectUsageError(_ arguments: [String], mentions: String, environment: [String: String] = [:]) throws {
        let result = try Harness.run(Harness.aclog, arguments, environment: environment)
        #expect(result.status == 2, "\(arguments): status \(result.status)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("aclog: "), "\(result.stderr)")
        #expect(result.stderr.contains(mentions), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// `aclog config check` reads a file as the collector would: what it sets, or the bad key and its line.
    @Test func configCheckNamesTheBadKeyAndItsLine() throws {
        let good = folder + "/good.json"
        try #"{"retention": {"logs": "14d", "max_size": "2GiB"}, "formats": {"backend": ["loguru", "uvicorn"]}}"#
            .write(toFile: good, atomically: true, encoding: .utf8)
        let ok = try Harness.aclog(["config", "check", good])
        #expect(ok.status == 0 && ok.stdout.hasPrefix("\(good): valid"), "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.contains("backend: loguru, uvicorn") && ok.stdout.contains("logs 14 d") && ok.stdout.contains("2.0 GiB"), "\(ok.stdout)")
        let bad = folder + "/bad.json"
        try "{\n  \"retention\": {\n    \"logs\": \"14d\",\n    \"keep_events\": \"30d\"\n  }\n}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        try expectUsageError(["config", "check", bad], mentions: "line 4: unknown key 'retention.keep_events'")
        try expectUsageError(["config", "check", "--config", bad], mentions: "line 4: unknown key 'retention.keep_events'")
        // The collector and prune refuse it the same way, before they touch anything.
        try expectUsageError(["prune", "--config", bad, "--db", folder + "/none.db"], mentions: "line 4: unknown key 'retention.keep_events'")
        try expectUsageError(["config", "check", folder + "/missing.json"], mentions: "cannot be read")
    }

    /// The `alerts` section: its rules said in words, a channel's secret from the environment
    /// shown as the file writes it, and a bad rule named with its line.
    @Test func configCheckReadsTheAlertsSection() throws {
        let good = folder + "/alerts.json"
        try """
            {"alerts": {"notify": {"oncall": {"webhook": "https://hooks.example.org/${ACLOG_TEST_HOOK}"}},
                        "rules": [{"name": "crash", "event": "die", "notify": ["oncall"]},
                                  {"name": "traceback", "service": "backend", "match": "Traceback", "notify": ["oncall"]}]}}
            """.write(toFile: good, atomically: true, encoding: .utf8)
        let ok = try Harness.run(Harness.aclog, ["config", "check", good], environment: ["ACLOG_TEST_HOOK": "t0ps3cret"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("alerts      2 rules notifying oncall (webhook https://hooks.example.org/${ACLOG_TEST_HOOK})"), "\(ok.stdout)")
        #expect(ok.stdout.contains("  traceback: messages matching /Traceback/ on backend -> oncall"), "\(ok.stdout)")
        #expect(!ok.stdout.contains("t0ps3cret") && !ok.stderr.contains("t0ps3cret"))
        try expectUsageError(["config", "check", good], mentions: "alerts.notify.oncall.webhook takes ${ACLOG_TEST_HOOK} from the environment, which does not set it")
        let bad = folder + "/bad-alerts.json"
        try "{\"alerts\": {\"notify\": {\"x\": {\"exec\": [\"/bin/true\"]}},\n  \"rules\": [\n    {\"name\": \"r\", \"match\": \"(oops\", \"notify\": [\"x\"]}]}}\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        try expectUsageError(["config", "check", bad], mentions: "line 3: alerts.rules[0].match: invalid regular expression '(oops'")
        // alerts test: a rule it does not have, and a file with none, are one line each.
        let env = ["ACLOG_TEST_HOOK": "t0ps3cret"]
        try expectUsageError(["alerts", "test", "nosuch", "--config", good, "--db", folder + "/none.db"],
                             mentions: "no alert rule 'nosuch' (the rules are crash, traceback)", environment: env)
        let none = folder + "/no-alerts.json"
        try "{}".write(toFile: none, atomically: true, encoding: .utf8)
        try expectUsageError(["alerts", "test", "--config", none, "--db", folder + "/none.db"], mentions: "the configuration has no alert rules to test")
    }

    /// One writer per database: a second collector, an import or a prune into a file a collector
    /// writes is refused before it writes anything, naming the collector; SIGKILL frees the file.
    @Test func aSecondWriterIsRefusedBeforeItWritesAnything() throws {
        let db = folder + "/one-writer.db"
        let docker = try fakeDocker("docker-one-writer", state: "running", then: "sleep 60", logsThen: "; sleep 60")
        let first = try CollectorProcess(arguments: ["collect", "--db", db, "--docker", docker, "--no-stats"], logPath: folder + "/first.log")
        defer { if first.process.isRunning { first.kill(SIGKILL) } }
        try #require(Scenario.wait(timeout: 10) { (try? Harness.aclog(["tail", "--db", db]).stdout.contains("hello")) == true },
                     "the first collector stored nothing: \(first.log)")
        let count = { try Harness.aclog(["sql", "SELECT count(*) FROM records", "-o", "csv", "--db", db]).stdout }
        let before = try count()
        let log = folder + "/same.log"
        try "2026-11-26T10:00:00.000000000Z hello\n".write(toFile: log, atomically: true, encoding: .utf8)
        for arguments in [["collect", "--docker", docker], ["import", log, "--service", "backend"], ["prune", "--keep-logs", "1d"]] {
            try expectUsageError(arguments + ["--db", db], mentions: "is being written by another aclog (pid \(first.pid), aclog collect)")
        }
        #expect(try count() == before, "a refused writer wrote")
        let status = try Harness.aclog(["status", "--db", db])
        #expect(status.stdout.contains("running since") && status.stdout.contains("(pid \(first.pid))"), "\(status.stdout)")
        let doctor = try Harness.aclog(["doctor", "--db", db])
        #expect(doctor.stdout.contains("pid \(first.pid) (aclog collect) writes the file now") && doctor.stdout.contains("no record twice"), "\(doctor.stdout)")
        // Killed outright, the collector leaves no lock behind: the kernel drops it.
        first.kill(SIGKILL)
        _ = first.waitForExit(timeout: 5)
        let crashed = try Harness.aclog(["status", "--db", db])
        #expect(crashed.stdout.contains("not running") && crashed.stdout.contains("stopped without shutting down"), "\(crashed.stdout)")
        let second = try CollectorProcess(arguments: ["collect", "--db", db, "--docker", docker, "--no-stats"], logPath: folder + "/second.log")
        defer { if second.process.isRunning { second.kill(SIGKILL) } }
        #expect(Scenario.wait(timeout: 10) { (try? Harness.aclog(["status", "--db", db]).stdout.contains("(pid \(second.pid))")) == true },
                "the next collector did not start: \(second.log)")
        second.kill(SIGTERM)
        #expect(second.waitForExit(timeout: 10)?.status == 0)
        #expect(try count() == before, "the same line was stored again")
    }

    @Test func badTimesLevelsAndServices() throws {
        let db = try databaseWithOneService()
        try expectUsageError(["tail", "--since", "5x", "--db", db], mentions: "'5x'")
        try expectUsageError(["tail", "--until", "2026-13-45", "--db", db], mentions: "'2026-13-45'")
        try expectUsageError(["tail", "-p", "loud", "--db", db], mentions: "'loud'")
        try expectUsageError(["tail", "--field", "http.status>>500", "--db", db], mentions: "invalid field filter 'http.status>>500'")
        try expectUsageError(["grep", "x", "--since", "1 fortnight ago", "--db", db], mentions: "'1 fortnight ago'")
        try expectUsageError(["tail", "nginx", "--db", db], mentions: "unknown service 'nginx' (known: backend)")
        try expectUsageError(["tail", "--since", "1h", "--until", "2h", "--db", db], mentions: "not before")
        try expectUsageError(["tail", "--bogus"], mentions: "--bogus")
        try expectUsageError(["frobnicate"], mentions: "frobnicate")
        let journal = try Harness.aclog(["tail", "--since", "3 weeks ago", "--until", "tomorrow", "--db", db])
        #expect(journal.status == 0 && journal.stderr.isEmpty, "\(journal.stderr)")
        let ok = try Harness.aclog(["tail", "backend", "--db", db])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("hello"))
    }

    @Test func missingUnreadableAndForeignDatabases() throws {
        try expectUsageError(["tail", "--db", folder + "/none.db"], mentions: "none.db")
        #expect(!FileManager.default.fileExists(atPath: folder + "/none.db"))
        let text = folder + "/notes.txt"
        try String(repeating: "not a database\n", count: 50).write(toFile: text, atomically: true, encoding: .utf8)
        try expectUsageError(["tail", "--db", text], mentions: "not an SQLite database")
        try expectUsageError(["ps", "--db", text], mentions: "not an SQLite database")
        try expectUsageError(["collect", "--db", text, "--docker", "/bin/true"], mentions: "not an SQLite database")
        #expect(try String(contentsOfFile: text, encoding: .utf8).hasPrefix("not a database"))
        let foreign = folder + "/foreign.db"
        try Harness.run("/usr/bin/sqlite3", [foreign, "CREATE TABLE t (x); INSERT INTO t VALUES (1);"])
        try expectUsageError(["tail", "--db", foreign], mentions: "another program")
        try expectUsageError(["collect", "--db", foreign, "--docker", "/bin/true"], mentions: "another program")
        // A directory is named as one, not "disk I/O error".
        try expectUsageError(["tail", "--db", folder], mentions: "is a directory")
        try expectUsageError(["collect", "--db", folder, "--docker", "/bin/true"], mentions: "is a directory")
    }

    @Test func absentOrSilentDocker() throws {
        try expectUsageError(["collect", "--db", folder + "/a.db", "--docker", folder + "/no-docker"], mentions: "no-docker")
        try expectUsageError(["collect", "--db", folder + "/a.db"], mentions: "not found", environment: ["ACLOG_DOCKER": "/nonexistent/docker"])
        // A docker CLI whose engine does not answer.
        let silent = folder + "/silent-docker"
        try Harness.writeExecutable(silent, "#!/bin/sh\necho 'Cannot connect to the Docker daemon at unix:///nowhere.sock. Is the docker daemon running?' >&2\nexit 1\n")
        // That is not the user's mistake: exit 1 (VocabularyTests), one line all the same.
        let result = try Harness.run(Harness.aclog, ["collect", "--db", folder + "/a.db", "--docker", silent])
        #expect(result.status == 1 && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("Cannot connect to the Docker daemon"), "\(result.stderr)")
    }

    @Test func aDyingStatsProcessIsRestartedAndBadFramesAreSkipped() throws {
        let db = folder + "/stats.db"
        let docker = folder + "/docker"
        let starts = folder + "/stats-starts"
        // docker stats prints one frame (a sample and a broken line) and exits, every time.
        try Harness.writeExecutable(docker, #"""
            #!/bin/sh
            case "$1" in
              version) echo 20.10.24 ;;
              ps) printf 'aaaaaaaaaaaa\tagentchat-backend\timg\trunning\tbackend\tdocker\n' ;;
              events) sleep 30 ;;
              logs) sleep 30 ;;
              stats)
                echo started >> "\#(starts)"
                printf '\033[2J\033[H{"BlockIO":"0B / 0B","CPUPerc":"12.50%%","Container":"aaaaaaaaaaaa","ID":"aaaaaaaaaaaa","MemPerc":"1.00%%","MemUsage":"10MiB / 1GiB","Name":"agentchat-backend","NetIO":"1kB / 2kB","PIDs":"3"}\n{"ID": broken\n'
                ;;
            esac
            """#)
        let collector = try CollectorProcess(arguments: ["collect", "--db", db, "--docker", docker, "--stats-interval", "1s"],
                                             logPath: folder + "/collect.log")
        let restarted = Scenario.wait(timeout: 10) {
            ((try? String(contentsOfFile: starts, encoding: .utf8)) ?? "").split(separator: "\n").count >= 3
        }
        collector.kill(SIGTERM)
        #expect(collector.waitForExit(timeout: 5)?.status == 0)
        #expect(restarted, "\(collector.log)")
        #expect(collector.log.contains("docker stats ended"), "\(collector.log)")
        #expect(collector.log.contains("skipped a docker stats line that is not a sample: {\"ID\": broken"), "\(collector.log)")
        let stored = try Harness.aclog(["sql", "SELECT count(*) AS n, min(cpu) AS cpu, max(mem) AS mem FROM samples", "-o", "json", "--db", db])
        let row = try JSONSerialization.jsonObject(with: Data(stored.stdout.utf8)) as? [String: Any]
        #expect((row?["n"] as? Int ?? 0) >= 1, "\(stored.stdout)")
        #expect(row?["cpu"] as? Double == 12.5 && row?["mem"] as? Double == 10_485_760, "\(stored.stdout)")
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let db = try databaseWithOneService()
        let piped = try Harness.aclog(["tail", "--db", db])
        #expect(piped.stdout.contains("hello") && !piped.stdout.contains("\u{1B}["))
        // `script` gives aclog a terminal.
        let command = "\(Harness.aclog) tail --db \(db)"
        // (The test runner may itself run with NO_COLOR; an empty value counts as unset.)
        let tty = try Harness.run("/usr/bin/script", ["-qec", command, "/dev/null"], environment: ["NO_COLOR": ""])
        #expect(tty.stdout.contains("hello") && tty.stdout.contains("\u{1B}["), "\(tty.stdout)")
        let noColor = try Harness.run("/usr/bin/script", ["-qec", command, "/dev/null"], environment: ["NO_COLOR": "1"])
        #expect(noColor.stdout.contains("hello") && !noColor.stdout.contains("\u{1B}["), "\(noColor.stdout)")
    }

    @Test func helpIsWrittenForUsers() throws {
        for command in [["--help"], ["tail", "--help"], ["collect", "--help"], ["ps", "--help"]] {
            let result = try Harness.aclog(command)
            #expect(result.status == 0)
            #expect(result.stdout.contains("Examples") || result.stdout.contains("aclog tail"), "\(command)")
        }
    }

    /// The text above USAGE is wrapped once, to 79 columns off a terminal: a line of prose ends
    /// only where the next word would not fit, and no example is broken.
    @Test(arguments: ["", "collect", "tail", "grep", "errors", "trend", "report", "ps", "status", "sql", "prune", "doctor", "import", "config check", "alerts test"])
    func helpIsWrappedOnce(command: String) throws {
        let result = try Harness.aclog(command.split(separator: " ").map(String.init) + ["--help"])
        let text = result.stdout.components(separatedBy: "\nUSAGE:")[0]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !next.isEmpty && !next.hasPrefix(" ") {
            #expect(!line.hasPrefix(" "), "\(command): an example broken: \(line) / \(next)")
            let word = next.split(separator: " ").first.map(String.init) ?? ""
            #expect(line.count + 1 + word.count >= 80 || next.hasPrefix("- "), "\(command): a ragged line: \(line) / \(next)")
        }
    }
}

/// One vocabulary across the commands, read from their help as a user reads it.
@Suite struct VocabularyTests {
    static let commands = ["collect", "tail", "grep", "errors", "trend", "report", "ps", "status", "sql", "prune", "doctor", "import", "config check", "alerts test"]

    /// A command's options as its help shows them: the flags (`-o, --output <format>`) → their text.
    static func options(_ command: String) throws -> [String: String] {
        let help = try Harness.aclog(command.split(separator: " ").map(String.init) + ["--help"])
        #expect(help.status == 0, "\(command)")
        guard let section = help.stdout.components(separatedBy: "\nOPTIONS:\n").last else { return [:] }
        var options: [String: String] = [:]
        var current: String?
        for line in section.split(separator: "\n").map(String.init) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("-"), line.hasPrefix("  ") && !line.hasPrefix("        ") {
                // `-o, --output <format>`, then the text after the spaces.
                let text = String(trimmed)
                let flags = text.firstMatch(of: /^-[^\s,]*(, --[^\s,]+)?( <[^>]+>)?/).map { String($0.output.0) } ?? text
                current = flags
                options[flags] = text.dropFirst(flags.count).trimmingCharacters(in: .whitespaces)
            } else if let key = current, line.hasPrefix("        ") {
                options[key, default: ""] += " " + trimmed
            } else {
                current = nil
            }
        }
        return options
    }

    @Test func flagsMeanTheSameInEveryCommand() throws {
        var texts: [String: Set<String>] = [:]
        for command in Self.commands {
            let options = try Self.options(command)
            for (flags, text) in options {
                // -o is the output format wherever a command has one, never a file.
                if flags.contains("--output") {
                    #expect(flags == "-o, --output <format>" && text.hasPrefix("The output format"), "\(command): \(flags) \(text)")
                }
                // Said once: not "table (default) ... (default: table)".
                #expect(text.lowercased().components(separatedBy: "default").count <= 2, "\(command): \(flags) says its default twice: \(text)")
                #expect(!flags.contains("--format"), "\(command) still shows \(flags)")
                if flags.hasPrefix("-w,") && command != "grep" {
                    #expect(flags == "-w, --file <file>", "\(command): \(flags)")
                }
                for shared in ["--since <time>", "--until <time>", "--utc", "--bucket <duration>", "--db <path>", "--config <path>"] where flags == shared {
                    texts[shared, default: []].insert(text)
                }
            }
        }
        for (flag, variants) in texts {
            #expect(variants.count == 1, "\(flag) is explained \(variants.count) ways: \(variants.sorted())")
        }
        #expect(texts["--since <time>"] != nil && texts["--bucket <duration>"] != nil)
        #expect(try Self.options("report")["-w, --file <file>"] != nil)
        #expect(try Self.options("import")["--input-format <format>"] != nil)
    }

    @Test func theReportGoesToStandardOutputInTheFormatAsked() throws {
        let folder = NSTemporaryDirectory() + "aclog-vocabulary-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let db = folder + "/a.db"
        let log = folder + "/backend.log"
        try "2026-11-25T02:00:00.000000000Z ERROR boom\n".write(toFile: log, atomically: true, encoding: .utf8)
        #expect(try Harness.aclog(["import", log, "--service", "backend", "--db", db]).status == 0)
        let window = ["--since", "2026-11-24", "--until", "2026-11-26", "--db", db]
        let html = try Harness.aclog(["report", "-o", "html"] + window)
        #expect(html.status == 0 && html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("backend"), "\(html.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "html"), "a file named html was written")
        let markdown = try Harness.aclog(["report", "-o", "md"] + window)
        #expect(markdown.status == 0 && markdown.stdout.hasPrefix("# ") && !markdown.stdout.contains("<html"), "\(markdown.stdout.prefix(200))")
        let written = try Harness.aclog(["report", "-o", "md", "-w", folder + "/r.md"] + window)
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOfFile: folder + "/r.md", encoding: .utf8) == markdown.stdout)
        // The old spellings get one line saying the new one.
        for (arguments, says) in [(["report", "-o", folder + "/r.html"], "use -w \(folder)/r.html"), (["report", "--format", "md"], "-o md"),
                                  (["import", "--format", "plain", log], "--input-format plain")] {
            let old = try Harness.aclog(arguments + ["--db", db])
            #expect(old.status == 2 && old.stderr.split(separator: "\n").count == 1 && old.stderr.contains(says), "\(arguments): \(old.stderr)")
        }
    }

    /// Exit 2 for what the user got wrong, 1 for what failed under aclog: here the engine.
    @Test func aDockerEngineThatDoesNotAnswerIsAFailureNotAMistake() throws {
        let folder = NSTemporaryDirectory() + "aclog-exit-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let docker = folder + "/docker"
        try Harness.writeExecutable(docker, """
            #!/bin/sh
            echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2
            exit 1
            """)
        let down = try Harness.aclog(["collect", "--docker", docker, "--db", folder + "/a.db"])
        #expect(down.status == 1 && down.stderr.hasPrefix("aclog: docker engine not answering") && down.stderr.split(separator: "\n").count == 1, "\(down.stderr)")
        let wrong = try Harness.aclog(["collect", "--docker", folder + "/no-docker", "--db", folder + "/a.db"])
        #expect(wrong.status == 2 && wrong.stderr.contains("no-docker"), "\(wrong.stderr)")
    }
}
