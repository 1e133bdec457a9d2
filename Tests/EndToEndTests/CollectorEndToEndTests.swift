import ACLogModel
import Foundation
import Testing

/// The real `aclog` binary against the real engine started by scripts/engine.sh.
@Suite(.serialized, .enabled(if: Harness.required || Harness.engineAnswers(), "no Docker engine: run scripts/test.sh"))
struct CollectorEndToEndTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "aclog-e2e-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try #require(Harness.engineAnswers(), "the Docker engine does not answer (DOCKER_HOST=\(Harness.environment["DOCKER_HOST"] ?? "-"))")
        try #require(FileManager.default.isExecutableFile(atPath: Harness.aclog), "no aclog binary at \(Harness.aclog)")
        try Scenario.removeAllContainers()
    }

    var database: String { folder + "/aclog.db" }

    func collector() throws -> CollectorProcess {
        try CollectorProcess(database: database, logPath: folder + "/collect.log")
    }

    func tailAll() throws -> [TailLine] {
        let result = try Harness.aclog(["tail", "-o", "json", "-n", "1000000", "--db", database])
        try #require(result.status == 0, "aclog tail: \(result.stderr)")
        return try TailLine.parse(result.stdout)
    }

    /// Lines aclog holds now; 0 while the collector has not created the database yet.
    func storedLines() -> [TailLine] {
        guard let result = try? Harness.aclog(["tail", "-o", "json", "-n", "1000000", "--db", database]), result.status == 0 else { return [] }
        return (try? TailLine.parse(result.stdout)) ?? []
    }

    /// Restarts, re-creation, a short-lived container and two SIGKILLs of the collector: the
    /// database must hold exactly the lines the containers printed, none missing, none twice.
    @Test func everyLineExactlyOnceThroughRestartsAndCrashes() throws {
        let project = "e2e"
        let backendScript = Scenario.loop("uvicorn.log", passes: 4, pause: "0.05", toStderr: false) + " & "
            + Scenario.loop("loguru.log", passes: 1, pause: "0.05", toStderr: true) + " & wait"
        let mysql = try Scenario.start(name: "e2e-mysql", service: "mysql", project: project,
            script: Scenario.loop("mysql8.log", passes: 2, pause: "0.05", toStderr: true))
        let redis1 = try Scenario.start(name: "e2e-redis", service: "redis", project: project,
            script: Scenario.loop("redis.log", passes: 2, pause: "0.04", toStderr: false))
        let backend = try Scenario.start(name: "e2e-backend", service: "backend", project: project, script: backendScript)

        Thread.sleep(forTimeInterval: 0.5)
        let first = try collector()
        Thread.sleep(forTimeInterval: 1.0)
        first.kill(SIGKILL)
        _ = first.waitForExit(timeout: 5)
        let second = try collector()
        Thread.sleep(forTimeInterval: 0.7)
        try #require(try Harness.docker("restart", "-t", "1", "e2e-backend").status == 0)
        Thread.sleep(forTimeInterval: 0.8)
        second.kill(SIGKILL)
        _ = second.waitForExit(timeout: 5)
        Thread.sleep(forTimeInterval: 0.7)  // lines printed now reach aclog only through --since
        let third = try collector()
        defer { if third.process.isRunning { third.kill(SIGKILL) } }

        // Re-create redis under the same service once it has printed everything.
        let redisExpected = Scenario.expected("redis.log", passes: 2)
        let redisDone = try Scenario.wait(timeout: 30) { try Scenario.dockerLogs(redis1).stdout.count == redisExpected.count }
        try #require(redisDone, "redis did not finish printing")
        // Docker forgets a removed container's lines; remove it only once aclog holds them, as a
        // collector that is running would (one that is not running records the loss as a gap).
        let redisStored = Scenario.wait(timeout: 20) {
            storedLines().filter { redis1.hasPrefix($0.containerID) }.reduce(0) { $0 + $1.printedLines.count } >= redisExpected.count
        }
        #expect(redisStored, "aclog did not catch up with redis before its removal")
        try #require(try Harness.docker("rm", "-f", "e2e-redis").status == 0)
        let redis2 = try Scenario.start(name: "e2e-redis", service: "redis", project: project,
            script: Scenario.loop("redis.log", passes: 1, pause: "0.01", toStderr: false))

        // A short-lived container: 5 lines, gone in about half a second.
        let once = try Harness.run("docker", ["run", "--rm", "--network", "none", "--label", "com.docker.compose.service=once",
            Scenario.image, "sh", "-c", "for i in 1 2 3 4 5; do echo \"once $i\"; sleep 0.1; done"])
        try #require(once.status == 0, "\(once.stderr)")

        // Wait until every container has printed all it will, and aclog holds as many lines.
        let backendRun = Scenario.expected("uvicorn.log", passes: 4).count + Scenario.expected("loguru.log", passes: 1).count
        let mysqlExpected = Scenario.expected("mysql8.log", passes: 2)
        let settled = try Scenario.wait(timeout: 40) {
            let b = try Scenario.dockerLogs(backend)
            let m = try Scenario.dockerLogs(mysql)
            let r = try Scenario.dockerLogs(redis2)
            // backend's second run printed everything (its first run was cut by the restart)
            return b.stdout.count + b.stderr.count >= backendRun && b.stdout.suffix(1) == Scenario.expected("uvicorn.log", passes: 4).suffix(1)
                && b.stderr.suffix(1) == Scenario.expected("loguru.log", passes: 1).suffix(1)
                && m.stderr.count == mysqlExpected.count && r.stdout.count == Harness.fixtureLines("redis.log").count
        }
        try #require(settled, "containers did not finish printing")

        var expected: [String: [String]] = [:]  // "<id12>/<stream>" → lines
        for id in [backend, mysql, redis2] {
            let logs = try Scenario.dockerLogs(id)
            expected["\(id.prefix(12))/stdout"] = logs.stdout
            expected["\(id.prefix(12))/stderr"] = logs.stderr
        }
        expected["\(redis1.prefix(12))/stdout"] = redisExpected
        #expect(expected["\(mysql.prefix(12))/stderr"] == mysqlExpected)
        let total = expected.values.reduce(0) { $0 + $1.count } + 5

        let caughtUp = Scenario.wait(timeout: 20) { storedLines().reduce(0) { $0 + $1.printedLines.count } >= total }
        #expect(caughtUp, "aclog holds fewer lines than were printed")

        // SIGTERM: flush and exit 0 within 2 s.
        third.kill(SIGTERM)
        let exit = try #require(third.waitForExit(timeout: 5), "collector did not stop")
        #expect(exit.status == 0, "collector exit status, log:\n\(third.log)")
        #expect(exit.seconds < 2.0)

        var stored: [String: [String]] = [:]
        let lines = try tailAll()
        // A multi-line record (a traceback) holds several printed lines, joined by newlines.
        for line in lines { stored["\(line.containerID)/\(line.stream)", default: []] += line.printedLines }
        let onceLines = lines.filter { $0.service == "once" }.map(\.message)
        #expect(onceLines == (1...5).map { "once \($0)" }, "short-lived container")
        for (key, want) in expected.sorted(by: { $0.key < $1.key }) {
            let got = stored[key] ?? []
            let same = got == want
            #expect(same, "\(key): stored \(got.count) lines, printed \(want.count); first difference at \(Array(zip(got, want)).firstIndex { $0.0 != $0.1 } ?? min(got.count, want.count))")
        }
        let storedLineCount = lines.reduce(0) { $0 + $1.printedLines.count }
        #expect(storedLineCount == total, "lines stored in all: \(storedLineCount), printed: \(total)")

        // Records of one service stay together across the re-creation.
        let redisTail = try Harness.aclog(["tail", "redis", "--since", "1h", "-o", "json", "--db", database])
        let redisLines = try TailLine.parse(redisTail.stdout)
        #expect(redisLines.reduce(0) { $0 + $1.printedLines.count } == redisExpected.count + Harness.fixtureLines("redis.log").count)
        #expect(Set(redisLines.map(\.service)) == ["redis"])

        // ps: backend restarted once.
        let ps = try Harness.aclog(["ps", "-o", "json", "--db", database])
        let backendRow = try #require(ps.stdout.split(separator: "\n").first { $0.contains("\"name\":\"e2e-backend\"") })
        #expect(backendRow.contains("\"restarts\":1"), "\(backendRow)")

        // The two SIGKILLs left two spans without a collector; the next runs read back from Docker
        // what the containers wrote meanwhile, so no marker says records are missing there, and
        // status names the two spans as downtime of a run that stopped without shutting down.
        let all = try Harness.aclog(["tail", "-o", "json", "-n", "1000000", "--db", database])
        let gapsInTail = try TailLine.gaps(all.stdout)
        #expect(gapsInTail.isEmpty, "\(gapsInTail)")
        let status = try Harness.aclog(["status", "-o", "json", "--db", database])
        let statusObject = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let downtimes = statusObject?["downtimes"] as? [[String: Any]] ?? []
        #expect(downtimes.count == 2 && downtimes.allSatisfy { $0["crashed"] as? Bool == true }, "\(status.stdout)")
        #expect((statusObject?["gaps"] as? [Any])?.isEmpty == true, "\(status.stdout)")
        let statusText = try Harness.aclog(["status", "--db", database])
        #expect(statusText.stdout.contains("downtime    2 spans between runs"), "\(statusText.stdout)")

        // Through the two SIGKILLs the search index and the per-minute counts stayed in step.
        let doctor = try Harness.aclog(["doctor", "--db", database])
        #expect(doctor.status == 0, "\(doctor.stdout)")
    }

    /// Lines of 1 MiB, invalid UTF-8, NUL bytes, a lone CR, empty lines and ANSI codes are stored
    /// as Docker holds them and shown, never a crash.
    @Test func awkwardLinesAreStoredAndShown() throws {
        let script = #"""
            yes x | head -c 2097152 | tr -d '\n'; echo
            printf 'bad utf8: \377\376 end\n'
            printf 'nul:\000:byte\n'
            printf 'lone\rcr\n'
            printf '\n\n'
            printf '\033[31mRED ERROR\033[0m plain\n' >&2
            printf 'crlf line\r\n'
            printf 'no newline at the end'
            """#
        let id = try Scenario.start(name: "e2e-awkward", service: "awkward", project: "e2e", script: script, keepRunning: false)
        let collector = try collector()
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        // The engine holds a last line without newline until the container exits.
        try #require(try Harness.docker("wait", id).stdout.hasPrefix("0"))
        let expected = try Scenario.dockerLogs(id)
        try #require(expected.stdout.count == 8, "docker logs gave \(expected.stdout.count) stdout lines")
        let done = Scenario.wait(timeout: 20) { storedLines().flatMap(\.printedLines).count >= expected.stdout.count + expected.stderr.count }
        #expect(done)
        collector.kill(SIGTERM)
        #expect(collector.waitForExit(timeout: 5)?.status == 0)

        let lines = try tailAll()
        let stdout = lines.filter { $0.stream == "stdout" }
        let stderr = lines.filter { $0.stream == "stderr" }
        #expect(stdout.flatMap(\.printedLines) == expected.stdout)
        #expect(stderr.flatMap(\.printedLines) == expected.stderr)
        #expect(stdout.first?.message.utf8.count == 1_048_576)
        #expect(stdout.contains { $0.message == "lone cr" })
        #expect(stdout.contains { $0.message == "crlf line" })
        #expect(stdout.contains { $0.message == "nul:\u{0}:byte" })
        #expect(stderr.first?.message == "RED ERROR plain")
        #expect(stderr.first?.level == "error")
        let short = try Harness.aclog(["tail", "awkward", "-n", "100", "--db", database])
        #expect(short.status == 0)
        #expect(short.stdout.contains("RED ERROR plain"))
        let raw = try Harness.aclog(["tail", "awkward", "-n", "1", "-o", "raw", "--db", database])
        #expect(raw.stdout == "no newline at the end\n")
    }

    /// The engine stops and starts while the collector runs: it says so once, keeps running,
    /// reconnects, and the container's lines from before and after are all there, once.
    @Test func engineRestartIsSurvived() throws {
        let script = Scenario.loop("redis.log", passes: 1, pause: "0.02", toStderr: false)
        let container = try Harness.run("docker", ["run", "-d", "--name", "e2e-always", "--network", "none", "--restart", "always",
            "--label", "com.docker.compose.service=always", "-v", "\(Harness.fixtures.path):/fix:ro",
            Scenario.image, "sh", "-c", script + "; exec sleep 3600"])
        try #require(container.status == 0, "\(container.stderr)")
        let id = container.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let perRun = Harness.fixtureLines("redis.log").count
        trace("container started")
        let collector = try collector()
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        #expect(Scenario.wait(timeout: 20) { storedLines().flatMap(\.printedLines).count == perRun })

        let engine = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/engine.sh").path
        trace("stopping the engine")
        try #require(try Harness.run(engine, ["stop"]).status == 0)
        trace("engine stopped")
        Thread.sleep(forTimeInterval: 1.5)
        #expect(collector.process.isRunning, "the collector must survive the engine stopping")
        // ps says the states are as of when the engine stopped answering (issue 16).
        let stale = try Harness.aclog(["ps", "--db", database])
        #expect(stale.stdout.contains("states as of ") && stale.stdout.contains("the Docker engine has not answered"), "\(stale.stdout)")
        let staleJSON = try Harness.aclog(["ps", "-o", "json", "--db", database])
        #expect(staleJSON.stdout.contains("\"state_as_of\":\"") && !staleJSON.stdout.contains("\"state_as_of\":null"), "\(staleJSON.stdout)")
        trace("starting the engine")
        let start = try Harness.run(engine, ["start"])
        trace("engine started")
        try #require(start.status == 0, "\(start.stderr)")
        // engine.sh returns once the engine answers: the collector must be back within 5 s.
        let answering = Date()
        #expect(Scenario.wait(timeout: 5, every: 0.05) { collector.log.contains("answering again") },
                "no reconnect within 5 s of the engine answering: \(collector.log)")
        trace("collector reconnected after \(String(format: "%.2f", Date().timeIntervalSince(answering))) s")

        // The restart policy runs the container again (once or more: the kill before the engine's
        // shutdown restarts it too); wait for a run that printed all its lines.
        let lastLine = Scenario.expected("redis.log", passes: 1).last
        let rerun = try Scenario.wait(timeout: 30) {
            let printed = try Scenario.dockerLogs(id).stdout
            let running = try Harness.docker("inspect", "-f", "{{.State.Running}}", id).stdout.hasPrefix("true")
            return running && printed.count >= 2 * perRun && printed.last == lastLine
        }
        trace("container ran again: \(rerun)")
        try #require(rerun, "the container did not run again after the engine restart")
        let printed = try Scenario.dockerLogs(id).stdout
        let caughtUp = Scenario.wait(timeout: 20) { storedLines().flatMap(\.printedLines).count >= printed.count }
        #expect(caughtUp, "the collector did not resume after the engine came back")
        let live = try Harness.aclog(["ps", "-o", "json", "--db", database])
        #expect(live.stdout.contains("\"state_as_of\":null") && !live.stdout.contains("\"state_as_of\":\""), "\(live.stdout)")
        collector.kill(SIGTERM)
        #expect(collector.waitForExit(timeout: 5)?.status == 0)
        let stopped = try Harness.aclog(["ps", "--db", database])
        #expect(stopped.stdout.contains("the collector is not running"), "\(stopped.stdout)")

        #expect(try tailAll().flatMap(\.printedLines) == printed)
        let log = collector.log
        let down = log.split(separator: "\n").filter { $0.contains("not answering") }
        #expect(down.count == 1, "\(log)")
        #expect(log.contains("answering again"), "\(log)")
    }

    /// `aclog tail -f` shows a line at most a second after the container printed it.
    @Test func tailFollowShowsNewLinesWithinASecond() throws {
        let collector = try collector()
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        // A container that prints a numbered line every 0.3 s, stamped by Docker.
        let id = try Scenario.start(name: "e2e-ticker", service: "ticker", project: "e2e",
            script: "i=0; while [ $i -lt 15 ]; do i=$((i+1)); echo \"tick $i\"; sleep 0.3; done")
        #expect(Scenario.wait(timeout: 10) { !storedLines().isEmpty })
        let output = folder + "/follow.out"
        let follower = try CollectorProcess(arguments: ["tail", "ticker", "-f", "-n", "0", "-o", "json", "--db", database], logPath: output)
        defer { if follower.process.isRunning { follower.kill(SIGKILL) } }
        var seenAt: [String: Date] = [:]
        let deadline = Date().addingTimeInterval(8)
        while Date() < deadline {
            for line in (try? TailLine.parse(follower.log)) ?? [] where seenAt[line.message] == nil {
                seenAt[line.message] = Date()
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        follower.kill(SIGTERM)
        collector.kill(SIGTERM)
        _ = collector.waitForExit(timeout: 5)
        // The lag of each line: when the test saw it minus Docker's timestamp of it.
        let stamps = try Harness.docker("logs", "--timestamps", id).stdout.split(separator: "\n")
        var lags: [Double] = []
        for stamp in stamps {
            let parts = stamp.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let seen = seenAt[String(parts[1])] else { continue }
            let printed = Double(try #require(Timestamp.parseRFC3339(parts[0]))) / 1e9
            lags.append(seen.timeIntervalSince1970 - printed)
        }
        #expect(lags.count >= 10, "tail -f showed \(lags.count) lines")
        #expect((lags.max() ?? 99) < 1.0, "lags: \(lags)")
        #expect(seenAt.keys.allSatisfy { $0.hasPrefix("tick ") })
    }

    /// Secrets printed by a container are masked before they reach the disk: the bytes of the
    /// database file and its WAL contain none of them.
    @Test func secretsNeverReachTheDisk() throws {
        let secrets = ["sk-6d47d94f4c734357demo0000", "root:123456", "hunter22secret",
                       "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N"]
        let script = """
            echo 'Incorrect API key provided: sk-6d47d94f4c734357demo0000'
            echo 'engine mysql+pymysql://root:123456@mysql:3306/agentchat' >&2
            echo 'sender: a@b.c, receiver: d@e.f, password: hunter22secret'
            printf '\\033[36m└ \\047sk-6d47d94f4c734357demo0000\\047\\033[0m\\n' >&2
            echo 'GET /api?access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N'
            """
        let id = try Scenario.start(name: "e2e-secrets", service: "backend", project: "e2e", script: script, keepRunning: false)
        try #require(try Harness.docker("wait", id).stdout.hasPrefix("0"))
        let printed = try Scenario.dockerLogs(id)
        #expect(secrets.allSatisfy { secret in (printed.stdout + printed.stderr).contains { $0.contains(secret) } })
        let collector = try collector()
        #expect(Scenario.wait(timeout: 20) { storedLines().count == 5 })
        let stored = storedLines()
        collector.kill(SIGTERM)
        #expect(collector.waitForExit(timeout: 5)?.status == 0)
        #expect(stored.filter { $0.printed.contains("[REDACTED]") }.count == 5)
        var bytes = Data()
        for suffix in ["", "-wal"] {
            bytes += (try? Data(contentsOf: URL(fileURLWithPath: database + suffix))) ?? Data()
        }
        #expect(bytes.count > 0)
        for secret in secrets {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in the database file")
        }
    }
}
