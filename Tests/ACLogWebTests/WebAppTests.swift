import ACLogModel
import ACLogSQLite
import ACLogQuery
import ACLogStore
import ACLogTestSupport
@testable import ACLogWeb
import Testing

/// The app asked directly, as the server asks it: each page and answer for a small database.
@Suite struct WebAppTests {
    static let second = Timestamp.nanosPerSecond
    let path = temporaryDatabase()
    let t0 = Timestamp.now() - 600 * Timestamp.nanosPerSecond

    init() throws {
        let store = try CollectorStore(path: path)
        let backend = try store.register(container("b1", name: "backend-1", service: "backend"), at: t0)
        var batch = WriteBatch()
        let lines: [(Level, String)] = [(.info, "GET /health 200"), (.error, "boom <script>alert(1)</script>"),
                                         (.error, "Traceback (most recent call last):\n  File \"a.py\"\nValueError: 7"), (.info, "ok")]
        for (i, (level, message)) in lines.enumerated() {
            let time = t0 + Int64(i) * Self.second
            batch.append(row: backend, stream: .stderr, records: [LogRecord(time: time, stream: .stderr, level: level, message: message)],
                         position: StreamPosition(time: time, countAtTime: 1))
        }
        // A deploy whose image name a container's owner chose: hostile text, like a log line.
        batch.events = [(backend, ContainerEvent(time: t0 - 7_200 * Self.second, action: "deploy", container: container("b1", name: "backend-1", service: "backend"),
                                                 detail: "app:1 (3f2a1b2c3d4e) → <img src=x onerror=alert(2)> (9c8d7e6f5a4b)"))]
        try store.commit(batch, at: t0 + 10 * Self.second)
    }

    func get(_ target: String) async -> WebResponse {
        let app = WebApp(databasePath: path)
        defer { Task { await app.shutdown() } }
        return await app.respond(WebRequest(target: target))
    }

    func text(_ response: WebResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func everyPageAnswers() async {
        for target in ["/", "/logs", "/logs?service=backend&q=boom", "/errors", "/trends", "/timeline", "/report", "/api/records", "/api/services",
                       "/api/errors", "/api/trends", "/api/timeline", "/api/status", "/assets/app.js", "/assets/app.css"] {
            let response = await get(target)
            #expect(response.status == 200, "\(target): \(text(response).prefix(200))")
        }
    }

    /// In milliseconds, and no longer than the answer took as the caller saw it (a loaded test
    /// machine may make both long).
    @Test func everyAnswerSaysHowLongItTookHere() async {
        let app = WebApp(databasePath: path)
        let clock = ContinuousClock()
        for target in ["/", "/logs?since=1h", "/api/records", "/nothing"] {
            let started = clock.now
            let response = await app.respond(WebRequest(target: target))
            let waited = (clock.now - started).components
            let waitedMS = Double(waited.seconds) * 1000 + Double(waited.attoseconds) / 1e15
            let timing = response.headers.first { $0.0 == "Server-Timing" }?.1
            let ms = timing.flatMap { $0.hasPrefix("app;dur=") ? Double($0.dropFirst("app;dur=".count)) : nil }
            #expect(ms.map { $0 >= 0 && $0 <= waitedMS + 0.1 } == true, "\(target): \(timing ?? "no Server-Timing"), answered in \(waitedMS) ms")
        }
        await app.shutdown()
    }

    @Test func logsPageShowsTextAsTextAndMarksMatches() async {
        let page = text(await get("/logs?service=backend&q=alert"))
        #expect(page.contains("boom &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;"))
        // Our script tag alone.
        #expect(page.components(separatedBy: "<script").count == 2)
    }

    @Test func aTracebackFoldsUnderItsFirstLine() async {
        let page = text(await get("/logs?service=backend&q=File"))
        #expect(page.contains("<details class=\"msg\" open><summary>Traceback (most recent call last):"))
        #expect(page.contains("ValueError: 7</pre></details>"))
    }

    @Test func aSignatureLinkFindsItsRecords() async {
        let errors = text(await get("/errors?since=1h"))
        // A traceback is named by its exception and its frame (issue 19), not by its first line.
        #expect(errors.contains("sig=ValueError%3A%20%3Cn%3E%20%28at%20a.py%29"), "\(errors)")
        let page = text(await get("/logs?service=backend&sig=ValueError%3A%20%3Cn%3E%20%28at%20a.py%29&since=1h"))
        #expect(page.contains("ValueError: 7"))
        #expect(!page.contains("GET /health"))
    }

    /// The timeline page and its API (issue 19): the deploy and the new errors in order, every text
    /// from the containers escaped, each entry a link to its records; the overview says when the
    /// service was last deployed.
    @Test func theTimelineAndTheLastDeploy() async throws {
        let page = text(await get("/timeline?since=3h"))
        let deploy = try #require(page.range(of: "backend deployed: app:1 (3f2a1b2c3d4e) → &lt;img src=x onerror=alert(2)&gt; (9c8d7e6f5a4b)"))
        let boom = try #require(page.range(of: "new error: boom &lt;script&gt;alert(&lt;n&gt;)&lt;/script&gt;"))
        let valueError = try #require(page.range(of: "new error: ValueError: &lt;n&gt; (at a.py)"))
        #expect(deploy.lowerBound < boom.lowerBound && boom.lowerBound < valueError.lowerBound)
        #expect(!page.contains("<img") && !page.contains("<script>alert"))
        #expect(page.contains("href=\"/logs?service=backend&amp;around="))
        let api = text(await get("/api/timeline?since=3h&service=backend"))
        let kinds = api.split(separator: "\n").compactMap { line in line.range(of: "\"kind\":\"").map { line[$0.upperBound...].prefix { $0 != "\"" } } }
        #expect(kinds == ["deploy", "new_error", "new_error"], "\(api)")
        let overview = text(await get("/"))
        #expect(overview.contains("<th>Last deploy</th>") && overview.contains("href=\"/logs?service=backend&amp;around="), "\(overview)")
        #expect(await get("/timeline?around=soon").status == 400)
    }

    /// Two replicas sampled at once: /trends shows their total and says so, and leads to each
    /// container's (a name a container's owner chose is text).
    @Test func replicasShowTheirTotalAndEachOnRequest() async throws {
        let store = try CollectorStore(path: path)
        let first = try store.register(container("w1", name: "worker-1", service: "worker"), at: t0)
        let second = try store.register(container("w2", name: "<b>worker-2</b>", service: "worker"), at: t0)
        try store.db.transaction { () throws(StoreError) in
            for i in 0..<6 {
                let time = Timestamp.floor(t0, to: 10 * Self.second) + Int64(i) * 10 * Self.second
                try store.samples.insert(MetricSample(time: time, values: [.mem: 100 * 1_048_576], memoryLimit: nil), row: first)
                try store.samples.insert(MetricSample(time: time, values: [.mem: 50 * 1_048_576], memoryLimit: nil), row: second)
            }
        }
        let total = text(await get("/trends?service=worker&metric=mem&since=1h&bucket=10s"))
        #expect(total.contains("total of 2 containers, mem: peak 150.0 MiB"), "\(total)")
        #expect(total.contains("href=\"/trends?service=worker&amp;metric=mem&amp;since=1h&amp;bucket=10s&amp;per=container\""), "\(total)")
        let each = text(await get("/trends?service=worker&metric=mem&since=1h&bucket=10s&per=container"))
        #expect(each.contains("container worker-1, mem: peak 100.0 MiB") && each.contains("container &lt;b&gt;worker-2&lt;/b&gt;, mem: peak 50.0 MiB"), "\(each)")
        #expect(!each.contains("<b>worker-2"))
    }

    @Test func aBadParameterIsSaidOnThePageAndInTheAPI() async {
        let page = await get("/logs?since=soon")
        #expect(page.status == 400 && text(page).contains("invalid time &#39;soon&#39;"))
        let api = await get("/api/records?service=nope")
        #expect(api.status == 400 && text(api) == "unknown service 'nope' (known: backend)\n")
    }

    @Test func onlyOurAssetsAreServedAndOnlyGetIsAnswered() async {
        #expect(await get("/assets/../Package.swift").status == 404)
        #expect(await get("/assets/app.js.map").status == 404)
        let app = WebApp(databasePath: path)
        #expect(await app.respond(WebRequest(method: "POST", target: "/api/records")).status == 405)
        await app.shutdown()
    }

    @Test func aTruncatedAnswerSaysWhereTheRestIs() throws {
        let db = try ReadOnlyDatabase(path: path)
        let tail = String(decoding: try APIRoutes.records(WebRequest(target: "/api/records?since=1h"), db, largest: 3).body, as: UTF8.self)
        let lines = tail.split(separator: "\n")
        #expect(lines.count == 4 && lines[0].contains("boom") && lines[2].contains("\"message\":\"ok\""))
        #expect(lines[3].hasPrefix("{\"type\":\"truncated\",\"records\":3,\"earlier\":\"/api/records?since=1h&until="))
        let grep = String(decoding: try APIRoutes.records(WebRequest(target: "/api/records?q=o&since=1h"), db, largest: 2).body, as: UTF8.self)
        let matches = grep.split(separator: "\n")
        #expect(matches.count == 3 && matches[2].hasPrefix("{\"type\":\"truncated\",\"records\":2,\"next\":\"/api/records?q=o&since="))
    }
}
