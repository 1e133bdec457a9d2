import Foundation
import Testing

/// Docker rotates a container's log files while the collector is stopped, so the lines after
/// its checkpoint are gone: aclog records the span as a gap with that reason and shows it.
extension CollectorEndToEndTests {
    @Test func linesRotatedAwayWhileStoppedAreAGap() throws {
        // About 2 KiB per file and 2 files: Docker keeps some thirty of these lines.
        let run = try Harness.run("docker", ["run", "-d", "--name", "e2e-rotate", "--network", "none",
            "--log-opt", "max-size=2k", "--log-opt", "max-file=2", "--label", "com.docker.compose.service=rotate",
            Scenario.image, "sh", "-c", "i=0; while true; do i=$((i+1)); echo \"rotate line $i padding-padding-padding\"; usleep 50000; done"])
        try #require(run.status == 0, "\(run.stderr)")
        let first = try collector()
        #expect(Scenario.wait(timeout: 15) { storedLines().count >= 20 })
        first.kill(SIGTERM)
        #expect(first.waitForExit(timeout: 10)?.status == 0)
        // Some 100 lines while no collector runs: the stored last line is rotated away.
        Thread.sleep(forTimeInterval: 5)
        let second = try collector()
        defer { if second.process.isRunning { second.kill(SIGKILL) } }
        let caughtUp = Scenario.wait(timeout: 15) { second.log.contains("may be lost") }
        second.kill(SIGTERM)
        #expect(second.waitForExit(timeout: 10)?.status == 0)
        #expect(caughtUp, "\(second.log)")
        let json = try Harness.aclog(["tail", "rotate", "-o", "json", "-n", "100000", "--db", database])
        let gaps = try TailLine.gaps(json.stdout).filter { ($0["reason"] as? String)?.contains("rotated") == true }
        #expect(gaps.count == 1, "\(json.stdout.suffix(1500))")
        #expect(gaps.first?["service"] as? String == "rotate")
        let text = try Harness.aclog(["tail", "rotate", "-n", "100000", "--db", database])
        #expect(text.stdout.contains("-- no records of rotate (e2e-rotate) "), "\(text.stdout.suffix(1500))")
    }
}
