import Foundation
import Testing

/// Issue 19 on the real engine: a service deployed from one image built by the test to another,
/// errors that appear only after the deploy, a crash with exit code 3, an OOM kill under a small
/// limit and an unhealthy health check, on one timeline.
extension CollectorEndToEndTests {
    /// Builds `name` from the test image with a label of its own: another content, another id.
    func buildImage(_ name: String, label: String) throws {
        let context = folder + "/build-" + label
        try FileManager.default.createDirectory(atPath: context, withIntermediateDirectories: true)
        try "FROM \(Scenario.image)\nLABEL aclog.test.version=\(label)\n".write(toFile: context + "/Dockerfile", atomically: true, encoding: .utf8)
        let built = try Harness.run("docker", ["build", "-q", "-t", name, context])
        try #require(built.status == 0, "docker build \(name): \(built.stderr)")
    }

    func runIncidentContainer(_ name: String, service: String, image: String = Scenario.image, _ options: [String] = [], script: String) throws {
        let result = try Harness.run("docker", ["run", "-d", "--name", name, "--network", "none", "--label", "com.docker.compose.project=inc",
                                                "--label", "com.docker.compose.service=\(service)"] + options + [image, "sh", "-c", script])
        try #require(result.status == 0, "docker run \(name): \(result.stderr)")
    }

    func timeline(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try Harness.aclog(["timeline", "-o", "json", "--since", "10m", "--db", database] + arguments)
        try #require(result.status == 0, "aclog timeline: \(result.stderr)")
        return result.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func aDeployACrashAnOOMKillAndAnUnhealthyCheckOnOneTimeline() throws {
        try buildImage("inc-app:1", label: "1")
        try buildImage("inc-app:2", label: "2")
        // The alerts' deploy trigger, told to a receiver of the test's own.
        let receiver = try AlertReceiver(folder: folder)
        let config = try alertsConfig([#"{"name": "deployed", "event": "deploy", "notify": ["hook"], "severity": "info"}"#], receiver: receiver)
        let collector = try alertCollector(config)
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        try runIncidentContainer("inc-api", service: "api", image: "inc-app:1", script: "i=0; while :; do i=$((i+1)); echo \"GET /pay/$i 200\"; usleep 100000; done")
        try runIncidentContainer("inc-same", service: "same", image: "inc-app:1", script: "echo first; exec sleep 3600")
        try #require(Scenario.wait(timeout: 15) { storedLines().contains { $0.message.hasPrefix("GET /pay/") } }, "\(collector.log)")
        Thread.sleep(forTimeInterval: 1)

        // The deploy: the api re-created from the other image, failing from then on. The same
        // image re-created is no deploy.
        _ = try Harness.docker("rm", "-f", "inc-api", "inc-same")
        try runIncidentContainer("inc-api", service: "api", image: "inc-app:2", script: """
            i=0; while :; do i=$((i+1)); echo "ERROR charge $i failed" >&2; echo 'Traceback (most recent call last):' >&2
            echo '  File "/app/pay.py", line 9, in charge' >&2; echo "KeyError: 'card'" >&2; usleep 300000; done
            """)
        try runIncidentContainer("inc-same", service: "same", image: "inc-app:1", script: "echo again; exec sleep 3600")
        try runIncidentContainer("inc-crash", service: "crash", script: "echo going down; echo last words; sleep 1; exit 3")
        try runIncidentContainer("inc-oomy", service: "oomy", ["--memory", "16m", "--memory-swap", "16m"],
                                 script: "sleep 1; head -c 64000000 /dev/zero | tr '\\0' a > /dev/shm/x; sleep 1")
        try runIncidentContainer("inc-sick", service: "sick", ["--health-cmd", "false", "--health-interval", "1s", "--health-retries", "1"],
                                 script: "exec sleep 3600")

        var entries: [[String: Any]] = []
        let complete = try Scenario.wait(timeout: 40, every: 1) {
            entries = try timeline(["--detail"])
            let kinds = Set(entries.map { "\($0["service"] as? String ?? "") \($0["kind"] as? String ?? "")" })
            return ["api deploy", "api new_error", "crash crashed", "oomy oom", "sick unhealthy"].allSatisfy(kinds.contains)
        }
        #expect(complete, "\(entries.map { "\($0["service"] ?? "") \($0["kind"] ?? "") \($0["summary"] ?? "")" })\n\(collector.log)")

        func first(_ service: String, _ kind: String) -> [String: Any]? {
            entries.first { $0["service"] as? String == service && $0["kind"] as? String == kind }
        }
        let deploy = try #require(first("api", "deploy"))
        let summary = deploy["summary"] as? String ?? ""
        #expect(summary.contains("inc-app:1 (") && summary.contains("→ inc-app:2 ("), "\(summary)")
        #expect(!entries.contains { $0["service"] as? String == "same" && $0["kind"] as? String == "deploy" }, "the same image re-created is no deploy")
        // The new error comes after the deploy, named by its exception and frame.
        let newError = try #require(first("api", "new_error"))
        #expect(newError["summary"] as? String == "new error: KeyError: <str> (at /app/pay.py in charge)")
        #expect((newError["time"] as? String ?? "") > (deploy["time"] as? String ?? "~"))
        // The crash with its exit code and its last lines; the OOM kill; the health check.
        let crash = try #require(first("crash", "crashed"))
        #expect((crash["summary"] as? String)?.contains("exited with code 3") == true)
        let lastLines = ((crash["context"] as? [String: Any])?["last_lines"] as? [[String: Any]])?.compactMap { $0["message"] as? String }
        #expect(lastLines == ["going down", "last words"], "\(crash)")
        #expect(first("oomy", "oom") != nil && first("sick", "unhealthy") != nil)
        let times = entries.compactMap { $0["time"] as? String }
        #expect(times == times.sorted(), "the timeline is out of order")
        #expect((crash["see"] as? String)?.hasPrefix("aclog tail crash --around ") == true)

        // The deploy was told once, for the api only, with both images.
        #expect(Scenario.wait(timeout: 10) { !receiver.bodies(rule: "deployed").isEmpty })
        let told = receiver.bodies(rule: "deployed")
        #expect(told.count == 1 && told.first?["service"] as? String == "api", "\(told)")
        #expect((told.first?["summary"] as? String)?.contains("inc-app:1 (") == true && (told.first?["summary"] as? String)?.contains("→ inc-app:2 (") == true, "\(told)")

        // errors --compare deploy marks the signature new since the deploy; ps says when it was.
        let errors = try Harness.aclog(["errors", "api", "--compare", "deploy", "--db", database])
        #expect(errors.status == 0, "\(errors.stderr)")
        #expect(errors.stdout.contains("Deploy of api at ") && errors.stdout.contains("NEW  KeyError: <str> (at /app/pay.py in charge)"), "\(errors.stdout)")
        let ps = try Harness.aclog(["ps", "-o", "json", "--db", database])
        let rows = ps.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(rows.filter { $0["service"] as? String == "api" }.allSatisfy { $0["last_deploy"] as? String == deploy["time"] as? String }, "\(ps.stdout)")
        #expect(rows.filter { $0["service"] as? String == "same" }.allSatisfy { $0["last_deploy"] is NSNull }, "\(ps.stdout)")

        // The records around the deploy: the old container's lines and the new one's, merged.
        let around = try Harness.aclog(["tail", "--around", deploy["time"] as? String ?? "", "--window", "30s", "--no-events", "-o", "raw", "--db", database])
        #expect(around.stdout.contains("GET /pay/") && around.stdout.contains("KeyError: 'card'"), "\(around.stdout.suffix(500))")
        let html = try Harness.aclog(["timeline", "--since", "10m", "-o", "html", "--db", database])
        #expect(html.status == 0 && html.stdout.hasPrefix("<!doctype html>") && html.stdout.contains("inc-app:2"))
        collector.kill(SIGTERM)
        _ = collector.waitForExit(timeout: 10)
        try exportAnswersAsTheDatabaseDoes(around: deploy["time"] as? String ?? "")
    }

    /// The export of the minutes around the deploy answers tail, grep and timeline for its window
    /// exactly as the whole database does, and holds nothing outside it.
    func exportAnswersAsTheDatabaseDoes(around moment: String) throws {
        let exported = folder + "/export.db"
        let made = try Harness.aclog(["export", "--around", moment, "--window", "30s", "-w", exported, "--db", database])
        try #require(made.status == 0, "\(made.stderr)")
        let again = try Harness.aclog(["export", "--around", moment, "-w", exported, "--db", database])
        #expect(again.status == 2 && again.stderr.contains("exists"), "an export overwrote a file: \(again.stderr)")
        let status = try Harness.aclog(["status", "-o", "json", "--db", exported])
        let window = try #require((try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["export"] as? [String: String])
        let (since, until) = (try #require(window["since"]), try #require(window["until"]))
        for question in [["tail", "--since", since, "--until", until, "-o", "json", "-n", "100000"],
                         ["grep", "KeyError", "--since", since, "--until", until, "-o", "json"],
                         ["timeline", "--since", since, "--until", until, "-o", "json", "--detail"]] {
            let full = try Harness.aclog(question + ["--db", database]), part = try Harness.aclog(question + ["--db", exported])
            #expect(full.status == 0 && part.status == 0, "\(question): \(full.stderr) \(part.stderr)")
            #expect(!full.stdout.isEmpty && full.stdout == part.stdout, "\(question[0]) differs:\n\(full.stdout.suffix(800))\n---\n\(part.stdout.suffix(800))")
        }
        let everything = try Harness.aclog(["tail", "--since", "1d", "-o", "json", "-n", "1000000", "--no-events", "--db", exported])
        let times = everything.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let r = line.range(of: "\"time\":\"") else { return nil }
            return String(line[r.upperBound...].prefix { $0 != "\"" })
        }
        #expect(!times.isEmpty && times.allSatisfy { $0 >= since && $0 < until }, "records outside \(since) – \(until)")
        let docker = try Harness.aclog(["export", "api", "--around", moment, "--window", "30s", "-o", "docker", "--db", database])
        #expect(docker.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("20") && $0.contains("Z ") } && docker.stdout.contains("KeyError: 'card'"))
    }
}
