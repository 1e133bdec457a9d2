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
}
