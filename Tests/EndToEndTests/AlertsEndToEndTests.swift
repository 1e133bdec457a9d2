import Foundation
import Testing

/// A local HTTP receiver of the test's own (Fixtures/alert_receiver.py): what aclog's webhook
/// channel POSTed, one JSON body per notification; `down` makes it answer 503.
final class AlertReceiver {
    let process = Process()
    let path: String
    let port: Int

    let secure: Bool

    /// `tls`: the certificate and key files of an https receiver.
    init(folder: String, tls: (cert: String, key: String)? = nil) throws {
        path = folder + "/received.jsonl"
        secure = tls != nil
        let portPipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Harness.fixtures.appendingPathComponent("alert_receiver.py").path, path]
            + (tls.map { ["--tls", $0.cert, $0.key] } ?? [])
        process.standardOutput = portPipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: portPipe.fileHandleForReading.availableData, as: UTF8.self)
        port = try #require(Int(line.trimmingCharacters(in: .whitespacesAndNewlines)), "the receiver did not say its port: \(line)")
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    var url: String { (secure ? "https" : "http") + "://127.0.0.1:\(port)/hook" }

    /// Answers 503 while down.
    var down: Bool {
        get { FileManager.default.fileExists(atPath: path + ".down") }
        set {
            if newValue { FileManager.default.createFile(atPath: path + ".down", contents: nil) }
            else { try? FileManager.default.removeItem(atPath: path + ".down") }
        }
    }

    /// The bodies received so far, in order.
    var bodies: [[String: Any]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["body"] as? [String: Any]
        }
    }

    func bodies(rule: String, service: String? = nil) -> [[String: Any]] {
        bodies.filter { $0["rule"] as? String == rule && (service == nil || $0["service"] as? String == service) }
    }
}

/// Alerts with the real binary, engine and containers, and a receiver of the test's own.
extension CollectorEndToEndTests {
    func alertsConfig(_ rules: [String], receiver: AlertReceiver, extra: String = "", channels: String = "") throws -> String {
        let path = folder + "/alerts.json"
        let text = """
            {"alerts": {\(extra)
              "notify": {"hook": {"webhook": "\(receiver.url)"}\(channels)},
              "rules": [\(rules.joined(separator: ",\n"))]}}
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func alertStatus(config: String) throws -> [String: Any] {
        let result = try Harness.aclog(["alerts", "--config", config, "-o", "json", "--db", database])
        try #require(result.status == 0, "aclog alerts: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// `aclog collect --config CONFIG`, given a moment to start.
    func alertCollector(_ config: String, _ extra: [String] = []) throws -> CollectorProcess {
        let collector = try CollectorProcess(arguments: ["collect", "--db", database, "--config", config] + extra, logPath: folder + "/collect.log")
        Thread.sleep(forTimeInterval: 1.5)
        return collector
    }

    func runContainer(_ name: String, _ options: [String], script: String) throws {
        let result = try Harness.run("docker", ["run", "-d", "--name", name, "--network", "none",
            "--label", "com.docker.compose.service=\(name)"] + options + [Scenario.image, "sh", "-c", script])
        try #require(result.status == 0, "docker run \(name): \(result.stderr)")
    }

    @Test func alertsTellOfATracebackACrashAnOOMKillARestartLoopAndAnUnhealthyContainer() throws {
        let receiver = try AlertReceiver(folder: folder)
        // Notifications run at once: each exec writes a file of its own, named by its variable.
        let execOut = folder + "/exec"
        try FileManager.default.createDirectory(atPath: execOut, withIntermediateDirectories: true)
        let config = try alertsConfig([
            #"{"name": "traceback", "service": "tb", "match": "^Traceback", "notify": ["hook"]}"#,
            #"{"name": "crash", "event": "die", "notify": ["hook", "script"], "severity": "critical"}"#,
            #"{"name": "oom", "event": "oom", "notify": ["hook"]}"#,
            #"{"name": "loop", "event": "restart_loop", "count": 3, "within": "1m", "notify": ["hook"]}"#,
            #"{"name": "sick", "event": "unhealthy", "notify": ["hook"]}"#,
        ], receiver: receiver, channels: #", "script": {"exec": ["/bin/sh", "-c", "cat > \#(execOut)/$ACLOG_ALERT_ID.json"]}"#)
        let collector = try alertCollector(config, ["--serve", "127.0.0.1:0"])
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        try runContainer("tb", [], script: #"echo 'Traceback (most recent call last):'; echo '  File "app.py", line 3, in <module>'; echo 'ValueError: bad input'; exec sleep 3600"#)
        try runContainer("crasher", [], script: "sleep 0.5; exit 3")
        try runContainer("oomy", ["--memory", "16m", "--memory-swap", "16m"], script: "head -c 64000000 /dev/zero | tr '\\0' a > /dev/shm/x; sleep 1")
        try runContainer("flappy", ["--restart", "always"], script: "exit 1")
        // Unhealthy after its first check, healthy once the file exists, 6 s on.
        try runContainer("sick", ["--health-cmd", "test -f /tmp/ok", "--health-interval", "1s", "--health-retries", "1"],
                         script: "sleep 6; touch /tmp/ok; exec sleep 3600")

        let told = Scenario.wait(timeout: 30, every: 0.5) {
            !receiver.bodies(rule: "traceback").isEmpty && !receiver.bodies(rule: "oom").isEmpty && !receiver.bodies(rule: "loop").isEmpty
                && receiver.bodies(rule: "sick").count >= 2 && !receiver.bodies(rule: "crash", service: "crasher").isEmpty
        }
        _ = try Harness.docker("update", "--restart", "no", "flappy")
        Thread.sleep(forTimeInterval: 1)
        #expect(told, "received: \(receiver.bodies.map { "\($0["rule"] ?? "") \($0["service"] ?? "") \($0["state"] ?? "")" })\n\(collector.log)")

        // The traceback: one notification, its record whole, a link to the web view.
        let traceback = receiver.bodies(rule: "traceback")
        #expect(traceback.count == 1)
        let first = try #require(traceback.first)
        #expect(first["state"] as? String == "firing" && first["service"] as? String == "tb" && first["container"] as? String == "tb")
        #expect(first["count"] as? Int == 1)
        let record = try #require((first["records"] as? [[String: Any]])?.first)
        #expect((record["message"] as? String)?.hasSuffix("ValueError: bad input") == true, "\(record)")
        #expect((first["url"] as? String)?.hasPrefix("http://127.0.0.1:") == true, "\(first)")
        #expect((first["url"] as? String)?.contains("service=tb") == true)

        // The crash: exit code 3 as the value; the same notification through the exec channel.
        let crash = try #require(receiver.bodies(rule: "crash", service: "crasher").first)
        #expect(crash["value"] as? String == "3" && crash["severity"] as? String == "critical", "\(crash)")
        #expect((crash["summary"] as? String)?.contains("exited with code 3") == true)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: execOut)) ?? []
        let viaExec = files.compactMap { name -> [String: Any]? in
            guard let data = FileManager.default.contents(atPath: execOut + "/" + name) else { return nil }
            return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        }
        #expect(viaExec.contains { $0["id"] as? Int != nil && $0["service"] as? String == "crasher" && $0["value"] as? String == "3" }, "\(files)")
        #expect(viaExec.allSatisfy { files.contains("\($0["id"] as? Int ?? -1).json") }, "ACLOG_ALERT_ID names the notification: \(files)")
        // A container that exits 0 is not a crash.
        #expect(receiver.bodies(rule: "crash", service: "tb").isEmpty)

        #expect(receiver.bodies(rule: "oom").map { $0["service"] as? String } == ["oomy"])
        // The loop: one notification; its crashes are one notification and a count, not one each.
        #expect(receiver.bodies(rule: "loop").map { $0["service"] as? String } == ["flappy"])
        #expect(receiver.bodies(rule: "crash", service: "flappy").count == 1)
        // Unhealthy, then resolved when the check passes.
        #expect(receiver.bodies(rule: "sick").map { $0["state"] as? String } == ["firing", "resolved"])

        // aclog alerts says the same, and never shows the channel's URL.
        let listing = try Harness.aclog(["alerts", "--config", config, "--db", database])
        #expect(listing.status == 0)
        #expect(!listing.stdout.contains(receiver.url), "\(listing.stdout)")
        let status = try alertStatus(config: config)
        let sent = (status["notifications"] as? [[String: Any]] ?? []).filter { $0["channel"] as? String == "hook" }
        #expect(sent.count == receiver.bodies.count && sent.allSatisfy { $0["delivery"] as? String == "sent" }, "\(sent)")
        collector.kill(SIGTERM)
        #expect(collector.waitForExit(timeout: 15)?.status == 0, "\(collector.log)")
    }

    /// Conditions that last: an error rate above its count, and a service gone silent, each fire
    /// once and resolve when they end.
    @Test func aRateAndASilenceFireOnceAndResolve() throws {
        let receiver = try AlertReceiver(folder: folder)
        let config = try alertsConfig([
            #"{"name": "errors", "service": "burst", "rate": {"of": "errors", "over": "5s", "above": 20}, "notify": ["hook"]}"#,
            #"{"name": "quiet", "service": "ticker", "silence": "3s", "notify": ["hook"]}"#,
        ], receiver: receiver)
        let collector = try alertCollector(config)
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        // 50 errors at once, then none; a ticker that writes every half second for 2 s, stops for 6 s, writes again.
        try runContainer("burst", [], script: "sleep 1; i=0; while [ $i -lt 50 ]; do i=$((i+1)); echo \"ERROR failed $i\"; done; exec sleep 3600")
        try runContainer("ticker", [], script: "for i in 1 2 3 4; do echo tick; usleep 500000; done; sleep 6; while :; do echo tick; usleep 500000; done")
        let resolved = Scenario.wait(timeout: 30, every: 0.5) {
            receiver.bodies(rule: "errors").count >= 2 && receiver.bodies(rule: "quiet").count >= 2
        }
        #expect(resolved, "\(receiver.bodies.map { "\($0["rule"] ?? "") \($0["state"] ?? "") \($0["summary"] ?? "")" })\n\(collector.log)")
        Thread.sleep(forTimeInterval: 2)
        let errors = receiver.bodies(rule: "errors")
        #expect(errors.map { $0["state"] as? String } == ["firing", "resolved"])
        // Fired as soon as the count passed 20, with the count then.
        let value = Int(errors.first?["value"] as? String ?? "") ?? 0
        #expect(value > 20 && value <= 50, "\(errors)")
        #expect((errors.first?["summary"] as? String)?.hasPrefix("burst: \(value) errors in 5 s, above 20") == true, "\(errors)")
        let quiet = receiver.bodies(rule: "quiet")
        #expect(quiet.map { $0["state"] as? String } == ["firing", "resolved"], "\(quiet)")
        // Judged every second, not at the heartbeat (5 s apart, which could miss a silence of 3 to 6 s).
        #expect(["ticker: no records for 3 s", "ticker: no records for 4 s", "ticker: no records for 5 s"].contains(quiet.first?["summary"] as? String ?? ""), "\(quiet)")
        #expect(quiet.last?["summary"] as? String == "ticker writes again")
        collector.kill(SIGTERM)
        _ = collector.waitForExit(timeout: 15)
    }

    @Test func aThousandMatchingLinesAreOneNotificationWithTheirCount() throws {
        let receiver = try AlertReceiver(folder: folder)
        let config = try alertsConfig([#"{"name": "payments", "match": "payment failed", "notify": ["hook"]}"#],
                                      receiver: receiver, extra: #""group_wait": "2s","#)
        let collector = try alertCollector(config)
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        try runContainer("pay", [], script: "i=0; while [ $i -lt 1000 ]; do i=$((i+1)); echo \"ERROR payment failed order=$i\"; done; exec sleep 3600")
        let told = Scenario.wait(timeout: 20) { !receiver.bodies.isEmpty }
        #expect(told, "\(collector.log)")
        Thread.sleep(forTimeInterval: 3)
        let bodies = receiver.bodies
        #expect(bodies.count == 1, "\(bodies.map { $0["count"] ?? "" })")
        #expect(bodies.first?["count"] as? Int == 1000)
        #expect((bodies.first?["records"] as? [Any])?.count == 10)
        collector.kill(SIGTERM)
        _ = collector.waitForExit(timeout: 15)
        let open = try #require((try alertStatus(config: config)["firing"] as? [[String: Any]])?.first)
        #expect(open["occurrences"] as? Int == 1000 && open["untold"] as? Int == 0, "\(open)")
    }

    @Test func aChannelThatIsDownGetsTheNotificationLaterAndOnce() throws {
        let receiver = try AlertReceiver(folder: folder)
        receiver.down = true
        let config = try alertsConfig([#"{"name": "crash", "event": "die", "notify": ["hook"]}"#], receiver: receiver)
        let collector = try alertCollector(config)
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        try runContainer("crasher", [], script: "exit 7")
        // Refused, recorded, and retried.
        let refused = try Scenario.wait(timeout: 15, every: 0.5) {
            let history = try alertStatus(config: config)["notifications"] as? [[String: Any]] ?? []
            return history.contains { ($0["error"] as? String)?.contains("HTTP 503") == true && ($0["attempts"] as? Int ?? 0) >= 2 }
        }
        #expect(refused, "\((try? alertStatus(config: config)) ?? [:])")
        #expect(receiver.bodies.isEmpty)
        receiver.down = false
        let delivered = Scenario.wait(timeout: 20) { !receiver.bodies.isEmpty }
        #expect(delivered, "\(collector.log)")
        Thread.sleep(forTimeInterval: 4)
        #expect(receiver.bodies.count == 1)
        #expect(receiver.bodies.first?["value"] as? String == "7")
        let history = try #require(try alertStatus(config: config)["notifications"] as? [[String: Any]])
        #expect(history.count == 1 && history.first?["delivery"] as? String == "sent", "\(history)")
        #expect(collector.log.contains("not sent: 127.0.0.1:\(receiver.port) answered HTTP 503"), "\(collector.log)")
        collector.kill(SIGTERM)
        _ = collector.waitForExit(timeout: 15)
    }

    /// https channels speak TLS and check the certificate: a receiver whose certificate no
    /// authority signed gets nothing, and the failure says why.
    @Test func anHTTPSChannelRefusesACertificateNoAuthoritySigned() throws {
        let cert = folder + "/cert.pem", key = folder + "/key.pem"
        let made = try Harness.run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                               "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        try #require(made.status == 0, "openssl: \(made.stderr)")
        let receiver = try AlertReceiver(folder: folder, tls: (cert, key))
        let config = try alertsConfig([#"{"name": "crash", "event": "die", "notify": ["hook"]}"#], receiver: receiver)
        let collector = try alertCollector(config)
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        try runContainer("crasher", [], script: "exit 5")
        let refused = try Scenario.wait(timeout: 15, every: 0.5) {
            (try alertStatus(config: config)["notifications"] as? [[String: Any]] ?? []).contains {
                ($0["error"] as? String)?.contains("CERTIFICATE_VERIFY_FAILED") == true
            }
        }
        #expect(refused, "\((try? alertStatus(config: config)) ?? [:])\n\(collector.log)")
        #expect(receiver.bodies.isEmpty)
        collector.kill(SIGTERM)
        _ = collector.waitForExit(timeout: 15)
    }

    @Test func aCollectorKilledWhileAnAlertFiresNeitherForgetsNorRepeatsIt() throws {
        let receiver = try AlertReceiver(folder: folder)
        let config = try alertsConfig([#"{"name": "payments", "match": "payment failed", "notify": ["hook"]}"#],
                                      receiver: receiver, extra: #""group_wait": "3s","#)
        let arguments = ["collect", "--db", database, "--config", config]
        let first = try CollectorProcess(arguments: arguments, logPath: folder + "/collect.log")
        defer { if first.process.isRunning { first.kill(SIGKILL) } }
        Thread.sleep(forTimeInterval: 1.5)
        try runContainer("pay", [], script: "echo 'ERROR payment failed order=1'; sleep 8; echo 'ERROR payment failed order=2'; exec sleep 3600")
        // Killed while its notification waits out the group wait: the next run sends it, once.
        let waiting = try Scenario.wait(timeout: 10, every: 0.2) {
            (try alertStatus(config: config)["notifications"] as? [[String: Any]] ?? []).contains { $0["delivery"] as? String == "waiting" }
        }
        try #require(waiting)
        first.kill(SIGKILL)
        _ = first.waitForExit(timeout: 5)
        #expect(receiver.bodies.isEmpty)
        let second = try CollectorProcess(arguments: arguments, logPath: folder + "/collect.log")
        defer { if second.process.isRunning { second.kill(SIGKILL) } }
        #expect(Scenario.wait(timeout: 10) { receiver.bodies.count == 1 }, "\(second.log)")
        // Killed while the alert fires: the next line is a repeat within the cooldown, counted, not sent.
        second.kill(SIGKILL)
        _ = second.waitForExit(timeout: 5)
        let third = try CollectorProcess(arguments: arguments, logPath: folder + "/collect.log")
        defer { if third.process.isRunning { third.kill(SIGKILL) } }
        let counted = try Scenario.wait(timeout: 15, every: 0.5) {
            ((try alertStatus(config: config)["firing"] as? [[String: Any]])?.first?["occurrences"] as? Int) == 2
        }
        #expect(counted, "\((try? alertStatus(config: config)) ?? [:])")
        Thread.sleep(forTimeInterval: 4)
        #expect(receiver.bodies.count == 1, "\(receiver.bodies)")
        let firing = try alertStatus(config: config)["firing"] as? [[String: Any]]
        #expect(firing?.first?["untold"] as? Int == 1, "\(firing ?? [])")
        third.kill(SIGTERM)
        _ = third.waitForExit(timeout: 15)
    }

    @Test func aBacklogAfterDowntimeIsOneSummaryNotAStorm() throws {
        let receiver = try AlertReceiver(folder: folder)
        let config = try alertsConfig([#"{"name": "payments", "match": "payment failed", "notify": ["hook"]}"#], receiver: receiver)
        let arguments = ["collect", "--db", database, "--config", config]
        let first = try CollectorProcess(arguments: arguments, logPath: folder + "/collect.log")
        defer { if first.process.isRunning { first.kill(SIGKILL) } }
        Thread.sleep(forTimeInterval: 1.5)
        first.kill(SIGTERM)
        _ = first.waitForExit(timeout: 15)
        // While no collector runs, three services fail 40 times each, with different orders.
        for name in ["pay-a", "pay-b", "pay-c"] {
            try runContainer(name, [], script: "i=0; while [ $i -lt 40 ]; do i=$((i+1)); echo \"ERROR payment failed order=$i\"; done; exec sleep 3600")
        }
        Thread.sleep(forTimeInterval: 1.5)
        let second = try CollectorProcess(arguments: arguments, logPath: folder + "/collect.log")
        defer { if second.process.isRunning { second.kill(SIGKILL) } }
        #expect(Scenario.wait(timeout: 20) { !receiver.bodies.isEmpty }, "\(second.log)")
        Thread.sleep(forTimeInterval: 3)
        let bodies = receiver.bodies
        #expect(bodies.count == 1, "\(bodies.map { $0["summary"] ?? "" })")
        let summary = try #require(bodies.first)
        #expect(summary["count"] as? Int == 120, "\(summary)")
        #expect((summary["summary"] as? String)?.contains("while aclog was away (pay-a, pay-b, pay-c)") == true, "\(summary)")
        // What comes after the catch-up is news again.
        _ = try Harness.docker("exec", "pay-a", "sh", "-c", "echo 'ERROR payment failed order=41' > /proc/1/fd/1")
        #expect(Scenario.wait(timeout: 10) { receiver.bodies.count == 2 }, "\(receiver.bodies)")
        #expect(receiver.bodies.last?["service"] as? String == "pay-a" && receiver.bodies.last?["count"] as? Int == 1)
        second.kill(SIGTERM)
        _ = second.waitForExit(timeout: 15)
    }
}
