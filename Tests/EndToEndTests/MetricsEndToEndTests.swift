import Foundation
import Testing

/// `docker stats` sampling, `aclog trend`, restart and OOM counts and the report in a browser,
/// with the real binary and engine. Part of the engine suite, whose tests run one at a time: they
/// remove every container, and one of them stops the engine.
extension CollectorEndToEndTests {
    func trend(_ service: String, metric: String) throws -> [String: Any] {
        let result = try Harness.aclog(["trend", service, "--metric", metric, "--since", "5m", "--bucket", "2s", "-o", "json", "--db", database])
        try #require(result.status == 0, "aclog trend: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try #require(object)
    }

    static func averages(_ trend: [String: Any]) -> [Double] {
        (trend["points"] as? [[String: Any]] ?? []).compactMap { $0["avg"] as? Double }
    }

    @Test func busyLoopGrowingMemoryRestartsAndTheReport() throws {
        let collector = try CollectorProcess(arguments: ["collect", "--db", database, "--stats-interval", "2s"], logPath: folder + "/collect.log")
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        let burn = try Harness.run("docker", ["run", "-d", "--name", "m-burn", "--cpus", "0.5", "--memory", "64m", "--network", "none",
            "--label", "com.docker.compose.service=burn", Scenario.image, "sh", "-c", "while :; do :; done"])
        try #require(burn.status == 0, "\(burn.stderr)")
        // 4 MiB more in a tmpfs file every second (tmpfs pages count as the container's memory).
        try Scenario.start(name: "m-grow", service: "grow", project: "m",
            script: "i=0; while [ $i -lt 14 ]; do i=$((i+1)); dd if=/dev/zero of=/dev/shm/f$i bs=1M count=4 2>/dev/null; sleep 1; done")
        try Scenario.start(name: "m-flappy", service: "flappy", project: "m", script: "echo up")
        // Fills a tmpfs file past its 16 MiB limit: the kernel kills the writer, Docker says "oom".
        let oomy = try Harness.run("docker", ["run", "-d", "--name", "m-oomy", "--memory", "16m", "--memory-swap", "16m", "--network", "none",
            "--label", "com.docker.compose.service=oomy", Scenario.image, "sh", "-c", "head -c 64000000 /dev/zero | tr '\\0' a > /dev/shm/x; sleep 1"])
        try #require(oomy.status == 0, "\(oomy.stderr)")
        Thread.sleep(forTimeInterval: 2)
        for _ in 1...3 {
            try #require(try Harness.docker("restart", "-t", "0", "m-flappy").status == 0)
            Thread.sleep(forTimeInterval: 0.5)
        }
        // The grow container takes 14 s; then wait for enough samples (a loaded machine is slower).
        Thread.sleep(forTimeInterval: 14)
        let sampled = Scenario.wait(timeout: 40, every: 1) {
            (try? Self.averages(trend("burn", metric: "cpu")).count >= 5) == true
        }
        #expect(sampled, "\(collector.log)")
        collector.kill(SIGTERM)
        try #require(collector.waitForExit(timeout: 10)?.status == 0, "\(collector.log)")

        // CPU: docker stats shows percent of one core; --cpus 0.5 caps the loop near 50 %, the
        // limit aclog read with docker inspect.
        let burnTrend = try trend("burn", metric: "cpu")
        #expect(burnTrend["limit"] as? Double == 50, "\(burnTrend)")
        let cpu = Self.averages(burnTrend)
        try #require(cpu.count >= 5, "\(cpu)")
        let steady = cpu.dropFirst().sorted()[cpu.count / 2]
        #expect(steady > 40 && steady < 60, "cpu averages \(cpu)")

        // Memory: growing step by step, a positive slope that fits well, and a peak of 40 MiB or more.
        let memory = try trend("grow", metric: "mem")
        let growth = try #require(memory["growth_per_day"] as? Double)
        #expect(growth > 0, "\(memory)")
        #expect((memory["growth_fit"] as? Double ?? 0) > 0.8, "\(memory)")
        #expect((memory["peak"] as? Double ?? 0) >= 40 * 1_048_576, "\(memory)")
        // No --memory: the limit docker stats shows is the host's memory, which aclog does not call a limit.
        #expect(memory["limit"] is NSNull, "\(memory)")
        #expect(try trend("burn", metric: "mem")["limit"] as? Double == 64 * 1_048_576)

        // Restarts: three `docker restart`s are three restarts in aclog ps.
        let ps = try Harness.aclog(["ps", "-o", "json", "--db", database])
        let flappy = try #require(ps.stdout.split(separator: "\n").first { $0.contains("\"flappy\"") })
        #expect(flappy.contains("\"restarts\":3"), "\(flappy)")
        #expect(flappy.contains("\"last_exit_code\":137"), "\(flappy)")      // `docker restart -t 0` kills
        let oomKilled = try #require(ps.stdout.split(separator: "\n").first { $0.contains("\"oomy\"") })
        #expect(!oomKilled.contains("\"oom_kills\":0,") && oomKilled.contains("\"oom_kills\":"), "\(oomKilled)")
        let text = try Harness.aclog(["report", "oomy", "--since", "5m", "-o", "text", "--db", database])
        #expect(text.stdout.contains("oomy") && !text.stdout.contains(" 0 OOM kills"), "\(text.stdout)")

        // The terminal form has a sparkline and the summary line.
        let table = try Harness.aclog(["trend", "grow", "--metric", "mem", "--since", "5m", "--bucket", "2s", "--db", database])
        #expect(table.status == 0)
        #expect(table.stdout.contains("grow · mem · 2s buckets from the raw tier"), "\(table.stdout)")
        #expect(table.stdout.contains("growth +") && table.stdout.contains("peak "), "\(table.stdout)")

        try checkReportInChromium()
    }

    /// The HTML report, opened in headless Chromium: a screenshot is taken, and in the page as the
    /// browser built it every service has its CPU and memory chart with one point per bucket that
    /// `aclog trend` reports for the same window.
    func checkReportInChromium() throws {
        let now = Date()
        let format = ISO8601DateFormatter()
        let since = format.string(from: now.addingTimeInterval(-300)), until = format.string(from: now)
        // `-o html` prints the whole document, charts inline, to standard output.
        let html = folder + "/report.html"
        let report = try Harness.aclog(["report", "--since", since, "--until", until, "-o", "html", "--db", database])
        try #require(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.hasPrefix("<!DOCTYPE html>") && report.stdout.contains("<svg"), "\(report.stdout.prefix(300))")
        try report.stdout.write(toFile: html, atomically: true, encoding: .utf8)
        let browser = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1100,2400"]
        let shot = folder + "/report.png"
        let screenshot = try Harness.run("chromium", browser + ["--screenshot=\(shot)", "file://\(html)"])
        try #require(screenshot.status == 0, "chromium: \(screenshot.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.count > 20_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(png.count) bytes")
        let dom = try Harness.run("chromium", browser + ["--dump-dom", "file://\(html)"])
        try #require(dom.status == 0, "chromium: \(dom.stderr)")
        for service in ["burn", "grow", "flappy"] {
            for metric in ["cpu", "mem"] {
                let trend = try Harness.aclog(["trend", service, "--metric", metric, "--since", since, "--until", until,
                                               "--bucket", "10s", "-o", "json", "--db", database])
                let object = try JSONSerialization.jsonObject(with: Data(trend.stdout.utf8)) as? [String: Any]
                let expected = (object?["points"] as? [Any])?.count ?? -1
                let tag = "data-service=\"\(service)\" data-metric=\"\(metric)\" data-points=\"\(expected)\""
                #expect(expected > 0 && dom.stdout.contains(tag), "\(service) \(metric): \(expected) points expected")
                let chart = dom.stdout.components(separatedBy: tag).dropFirst().first ?? ""
                let points = chart.components(separatedBy: "class=\"series-avg\" points=\"").dropFirst().first?.prefix { $0 != "\"" } ?? ""
                #expect(points.split(separator: " ").count == expected, "\(service) \(metric)")
            }
        }
    }

    @Test func badMetricAndBucketAreRefused() throws {
        let metric = try Harness.aclog(["trend", "--metric", "disk-space", "--db", database])
        #expect(metric.status == 2 && metric.stderr.contains("disk-space"))
        let bucket = try Harness.aclog(["trend", "--bucket", "often", "--db", database])
        #expect(bucket.status == 2 && bucket.stderr.contains("often"))
        let interval = try Harness.aclog(["collect", "--stats-interval", "soon", "--db", database])
        #expect(interval.status == 2 && interval.stderr.contains("soon"))
    }
}

extension CollectorEndToEndTests {
    /// `docker update` changes a running container's limits: the engine's `update` event makes
    /// the collector read them again, so percentages of the limit stay right.
    @Test func limitsChangedWithDockerUpdateArePickedUp() throws {
        let collector = try CollectorProcess(arguments: ["collect", "--db", database, "--stats-interval", "1s"], logPath: folder + "/collect.log")
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        for (name, limits) in [("u-capped", ["--cpus", "0.5", "--memory", "64m", "--memory-swap", "64m"]), ("u-free", [])] {
            let started = try Harness.run("docker", ["run", "-d", "--name", name] + limits + ["--network", "none",
                "--label", "com.docker.compose.service=\(name)", Scenario.image, "sleep", "3600"])
            try #require(started.status == 0, "\(started.stderr)")
        }
        // Polled: no samples yet is no answer yet, not a failure.
        func quietTrend(_ service: String, metric: String) -> [String: Any]? {
            guard let result = try? Harness.aclog(["trend", service, "--metric", metric, "--since", "5m", "-o", "json", "--db", database]),
                  result.status == 0 else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
        }
        func limits(_ service: String) -> (cpu: Double?, memory: Double?) {
            (quietTrend(service, metric: "cpu")?["limit"] as? Double, quietTrend(service, metric: "mem")?["limit"] as? Double)
        }
        let mebibyte = 1_048_576.0
        let before = Scenario.wait(timeout: 30, every: 0.5) {
            limits("u-capped") == (50, 64 * mebibyte) && quietTrend("u-free", metric: "mem")?["peak"] != nil
        }
        try #require(before, "\(limits("u-capped")) \(collector.log)")
        #expect(limits("u-free") == (nil, nil))

        try #require(try Harness.docker("update", "--cpus", "1.5", "--memory", "128m", "--memory-swap", "128m", "u-capped").status == 0)
        try #require(try Harness.docker("update", "--cpus", "0.25", "--memory", "32m", "--memory-swap", "32m", "u-free").status == 0)
        let after = Scenario.wait(timeout: 30, every: 0.5) {
            limits("u-capped") == (150, 128 * mebibyte) && limits("u-free") == (25, 32 * mebibyte)
        }
        #expect(after, "u-capped \(limits("u-capped")), u-free \(limits("u-free"))\n\(collector.log)")
        collector.kill(SIGTERM)
        #expect(collector.waitForExit(timeout: 10)?.status == 0)
    }
}
