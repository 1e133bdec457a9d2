import Foundation
import Testing

/// Gaps are facts (issue 16): stopping the collector, as a terminal's Ctrl-C stops it, records no
/// gap over records it has, and the next run resumes where the last one stopped.
extension CollectorEndToEndTests {
    /// Every gap that names a container, against that container's stored records: none inside.
    func gapsCoveringStoredRecords() throws -> [String] {
        let result = try Harness.aclog(["tail", "-o", "json", "--since", "1h", "--db", database])
        try #require(result.status == 0, "\(result.stderr)")
        let objects = try TailLine.objects(result.stdout)
        let records = objects.filter { $0["type"] == nil }
        var wrong: [String] = []
        for gap in objects where gap["type"] as? String == "gap" {
            guard let container = gap["container"] as? String,
                  let start = gap["start"] as? String, let end = gap["end"] as? String else { continue }
            let inside = records.filter {
                ($0["container"] as? String) == container && ($0["time"] as? String ?? "") >= start && ($0["time"] as? String ?? "") < end
            }
            if !inside.isEmpty { wrong.append("\(gap["reason"] ?? "") of \(container) covers \(inside.count) stored records") }
        }
        return wrong
    }

    @Test func ctrlCAndARestartRecordNoGapOverStoredRecords() throws {
        try Scenario.start(name: "g-busy", service: "busy", project: "g", script: "i=0; while :; do i=$((i+1)); echo line $i; usleep 20000; done")
        try Scenario.start(name: "g-quiet", service: "quiet", project: "g", script: "echo hello")
        // Foundation starts aclog as the leader of a process group, as a shell does in a terminal:
        // the signal goes to the whole group, as Ctrl-C does (its docker children were in it).
        for signal in [SIGINT, SIGTERM] {
            let collector = try CollectorProcess(arguments: ["collect", "--db", database, "--no-stats"],
                                                 logPath: folder + "/collect-\(signal).log")
            try #require(getpgid(collector.pid) == collector.pid)
            defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
            try #require(Scenario.wait(timeout: 15) { storedLines().count > 50 }, "nothing stored: \(collector.log)")
            Thread.sleep(forTimeInterval: 1)
            _ = Foundation.kill(-collector.pid, signal)
            #expect(collector.waitForExit(timeout: 10)?.status == 0, "\(collector.log)")
        }
        // A SIGKILL leaves the run without an end; the next run reads back what it missed.
        for signal in [SIGKILL, SIGTERM] {
            let collector = try CollectorProcess(arguments: ["collect", "--db", database, "--no-stats"],
                                                 logPath: folder + "/collect-k\(signal).log")
            defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
            let before = storedLines().count
            try #require(Scenario.wait(timeout: 15) { storedLines().count > before + 50 }, "nothing stored: \(collector.log)")
            _ = Foundation.kill(-collector.pid, signal)
            _ = collector.waitForExit(timeout: 10)
            Thread.sleep(forTimeInterval: 2)
        }
        let status = try Harness.aclog(["status", "-o", "json", "--db", database])
        #expect(!status.stdout.contains("not readable") && !status.stdout.contains("exited(130)"), "\(status.stdout)")
        #expect(try gapsCoveringStoredRecords().isEmpty)
        // Every line the busy container printed is stored once, across the four stops.
        let printed = try Scenario.dockerLogs("g-busy").stdout
        let stored = try tailAll().filter { $0.service == "busy" }.flatMap(\.printedLines)
        #expect(stored.count <= printed.count && stored.count > 200, "\(stored.count) stored of \(printed.count)")
        #expect(stored == Array(printed.prefix(stored.count)), "the stored lines are not the first lines docker logs prints, once each")
    }

    /// A container removed while no collector ran: its lines after the last one stored are lost,
    /// and that span (and only that) is its gap, from just after its last stored line.
    @Test func aContainerRemovedWhileTheCollectorWasDownHasAGapAfterItsLastLine() throws {
        try Scenario.start(name: "g-doomed", service: "doomed", project: "g", script: "i=0; while :; do i=$((i+1)); echo doomed $i; sleep 0.2; done")
        try Scenario.start(name: "g-stays", service: "stays", project: "g", script: "i=0; while :; do i=$((i+1)); echo stays $i; sleep 0.2; done")
        do {
            let collector = try CollectorProcess(arguments: ["collect", "--db", database, "--no-stats"], logPath: folder + "/collect-1.log")
            defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
            try #require(Scenario.wait(timeout: 15) { storedLines().filter { $0.service == "doomed" }.count > 5 }, "\(collector.log)")
            collector.kill(SIGTERM)
            #expect(collector.waitForExit(timeout: 10)?.status == 0)
        }
        Thread.sleep(forTimeInterval: 2)     // lines aclog will never see
        try #require(try Harness.docker("rm", "-f", "g-doomed").status == 0)
        let collector = try CollectorProcess(arguments: ["collect", "--db", database, "--no-stats"], logPath: folder + "/collect-2.log")
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        let stays = storedLines().filter { $0.service == "stays" }.count
        try #require(Scenario.wait(timeout: 15) { storedLines().filter { $0.service == "stays" }.count > stays + 15 }, "\(collector.log)")
        collector.kill(SIGTERM)
        #expect(collector.waitForExit(timeout: 10)?.status == 0)

        let objects = try TailLine.objects(try Harness.aclog(["tail", "doomed", "stays", "-o", "json", "--since", "1h", "--db", database]).stdout)
        let gaps = objects.filter { $0["type"] as? String == "gap" }
        #expect(gaps.count == 1, "\(gaps)")
        let gap = try #require(gaps.first)
        #expect(gap["service"] as? String == "doomed" && (gap["reason"] as? String ?? "").contains("removed while the collector was not running"), "\(gap)")
        let lastDoomed = objects.filter { $0["type"] == nil && $0["service"] as? String == "doomed" }.compactMap { $0["time"] as? String }.max() ?? ""
        #expect((gap["start"] as? String ?? "") > lastDoomed, "\(gap) after \(lastDoomed)")
        #expect(try gapsCoveringStoredRecords().isEmpty)
        let ps = try Harness.aclog(["ps", "-o", "json", "--db", database])
        let row = try #require(ps.stdout.split(separator: "\n").first { $0.contains("\"g-doomed\"") })
        #expect(row.contains("\"state\":\"removed\""), "\(row)")
    }
}
