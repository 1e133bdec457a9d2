import ACLogModel
import Foundation
import Testing

/// `aclog tail -f` (issue 16): in time order across services and streams while a traceback is
/// still being read, with the containers' events among the records, a line when the collector
/// stops, and an end at `--until`.
extension CollectorEndToEndTests {
    @Test func followPrintsInTimeOrderWithEventsAndSaysWhenTheCollectorStops() throws {
        // Tracebacks on stderr whose lines come 0.3 s apart: each record stays open about a second
        // while the other service prints ten lines a second.
        try Scenario.start(name: "f-tb", service: "tb", project: "f", script: """
            i=0; while :; do i=$((i+1)); echo "ERROR request $i failed" >&2; usleep 300000
            echo 'Traceback (most recent call last):' >&2; usleep 300000
            echo '  File "app.py", line 3, in main' >&2; usleep 300000
            echo "ValueError: boom $i" >&2; usleep 400000; done
            """)
        try Scenario.start(name: "f-fast", service: "fast", project: "f", script: "i=0; while :; do i=$((i+1)); echo fast $i; usleep 100000; done")
        let collector = try CollectorProcess(arguments: ["collect", "--db", database, "--no-stats"], logPath: folder + "/collect.log")
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        try #require(Scenario.wait(timeout: 15) { storedLines().count > 10 }, "\(collector.log)")
        let follower = try CollectorProcess(arguments: ["tail", "-f", "-o", "json", "--db", database], logPath: folder + "/follow.log")
        defer { if follower.process.isRunning { follower.kill(SIGKILL) } }
        Thread.sleep(forTimeInterval: 1)
        try Scenario.start(name: "f-crash", service: "crash", project: "f", script: "echo going down; sleep 1; exit 3", keepRunning: false)
        Thread.sleep(forTimeInterval: 8)
        // The follower asks the collector to commit sooner: its mark is kept fresh.
        let mark = try FileManager.default.attributesOfItem(atPath: database + "-following")
        let touched = try #require(mark[.modificationDate] as? Date)
        #expect(Date().timeIntervalSince(touched) < 3, "the follower's mark was last touched at \(touched)")
        collector.kill(SIGTERM)
        #expect(collector.waitForExit(timeout: 10)?.status == 0)
        let said = Scenario.wait(timeout: 5) { follower.log.contains("\"type\":\"collector\",\"running\":false") }
        follower.kill(SIGTERM)
        _ = follower.waitForExit(timeout: 5)
        #expect(said, "no line when the collector stopped: \(follower.log.suffix(500))")

        let objects = try TailLine.objects(follower.log)
        let records = objects.filter { $0["type"] == nil }
        let times = records.compactMap { $0["time"] as? String }
        let backwards = zip(times, times.dropFirst()).filter { $0 > $1 }
        #expect(backwards.isEmpty, "\(backwards.count) backward jumps in \(times.count) records: \(backwards.prefix(3))")
        #expect(records.contains { $0["service"] as? String == "tb" && ($0["message"] as? String ?? "").contains("ValueError: boom") })
        #expect(records.filter { $0["service"] as? String == "fast" }.count > 40)
        let events = objects.filter { $0["type"] as? String == "event" }
        #expect(events.contains { $0["service"] as? String == "crash" && $0["action"] as? String == "die" && $0["exit_code"] as? Int == 3 }, "\(events)")
        #expect(events.contains { $0["service"] as? String == "crash" && $0["action"] as? String == "start" }, "\(events)")
        // The events stand in time order among the records too.
        let all = objects.filter { $0["type"] == nil || $0["type"] as? String == "event" }.compactMap { $0["time"] as? String }
        let misplaced = zip(all, all.dropFirst()).filter { $0 > $1 }
        #expect(misplaced.isEmpty, "events out of place: \(misplaced) in \(events)")

        // Without the events; and --until in the past ends at once, --until soon ends then.
        let quiet = try Harness.aclog(["tail", "--since", "1h", "--no-events", "-o", "json", "--db", database])
        #expect(!quiet.stdout.contains("\"type\":\"event\""))
        let past = try CollectorProcess(arguments: ["tail", "-f", "--until", "30m", "--db", database], logPath: folder + "/past.log")
        #expect(past.waitForExit(timeout: 5)?.status == 0, "tail -f --until 30m did not stop")
        if past.process.isRunning { past.kill(SIGKILL) }
        let soon = try CollectorProcess(arguments: ["tail", "-f", "--until", "+2s", "--db", database], logPath: folder + "/soon.log")
        let ended = soon.waitForExit(timeout: 8)
        if soon.process.isRunning { soon.kill(SIGKILL) }
        #expect(ended?.status == 0 && (ended?.seconds ?? 0) >= 1, "tail -f --until +2s: \(String(describing: ended))")
    }

    /// The lines written just before a collector starts, or before a new container's follower
    /// begins, waited to be read: they must not hold every other line of `tail -f` back for
    /// seconds (they did, up to 5 s for 10 s after each start), and the follow stays in time order.
    @Test func followIsPromptAfterTheCollectorStartsAndAfterAContainerStarts() throws {
        for k in 0..<3 {
            try Scenario.start(name: "p-busy\(k)", service: "busy\(k)", project: "p",
                               script: "i=0; while :; do i=$((i+1)); echo busy $i; usleep 50000; done")
        }
        Thread.sleep(forTimeInterval: 3)
        let collector = try CollectorProcess(arguments: ["collect", "--db", database, "--no-stats"], logPath: folder + "/collect.log")
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        try #require(Scenario.wait(timeout: 15) { !storedLines().isEmpty }, "\(collector.log)")
        let following = Timestamp.now()
        let follower = try CollectorProcess(arguments: ["tail", "-f", "-o", "json", "--db", database], logPath: folder + "/follow.log")
        defer { if follower.process.isRunning { follower.kill(SIGKILL) } }
        Thread.sleep(forTimeInterval: 1)
        try Scenario.start(name: "p-late", service: "late", project: "p", script: "i=0; while :; do i=$((i+1)); echo late $i; usleep 100000; done")
        // Each record's lag: when it was seen in the follower's output less its time (the tail
        // printed before following is older, and not counted).
        var lags: [(lag: Int64, time: Int64, line: String)] = []
        var seen = 0
        let end = Timestamp.now() + 6 * Timestamp.nanosPerSecond
        while Timestamp.now() < end {
            let lines = follower.log.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let now = Timestamp.now()
            for line in lines.dropFirst(seen) {
                guard let start = line.range(of: "\"time\":\""), !line.contains("\"type\":") else { continue }
                if let time = Timestamp.parseRFC3339(line[start.upperBound...].prefix { $0 != "\"" }), time > following {
                    lags.append((now - time, time, String(line)))
                }
            }
            seen = lines.count
            Thread.sleep(forTimeInterval: 0.1)
        }
        follower.kill(SIGTERM)
        collector.kill(SIGTERM)
        _ = collector.waitForExit(timeout: 10)
        #expect(lags.count > 100, "\(lags.count) records followed")
        #expect(lags.contains { $0.line.contains("\"late\"") }, "the late container was not followed")
        let worst = lags.max { $0.lag < $1.lag }
        #expect((worst?.lag ?? 0) < 2 * Timestamp.nanosPerSecond, "a record came \((worst?.lag ?? 0) / 1_000_000) ms late: \(worst?.line ?? "")")
        let backwards = zip(lags, lags.dropFirst()).filter { $0.time > $1.time }
        #expect(backwards.isEmpty, "the follow went back in time: \(backwards.prefix(2).map { ($0.line, $1.line) })")
    }
}
