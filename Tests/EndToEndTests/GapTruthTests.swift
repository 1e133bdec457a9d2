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
        let status = try Harness.aclog(["status", "-o", "json", "--db", database])
        #expect(!status.stdout.contains("not readable") && !status.stdout.contains("exited(130)"), "\(status.stdout)")
        #expect(try gapsCoveringStoredRecords().isEmpty)
    }
}
