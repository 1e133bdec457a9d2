import ACLogModel
@testable import ACLogRender
import ACLogQuery
import ACLogSQLite
import ACLogStore
import Foundation
import Testing

/// A day of one leaking and one steady service, with restarts, an OOM kill, errors old and new,
/// and a gap; the report built from it must say so.
@Suite struct ReportTests {
    static let s: Int64 = 1_000_000_000
    static let day = 86_400 * s
    static let t0: Int64 = 1_795_680_000 * s          // a whole hour
    static let now = t0 + day

    static func database() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aclog-report-\(UUID().uuidString).db").path
        let store = try CollectorStore(path: path)
        let api = try store.register(ContainerInfo(id: String(repeating: "a", count: 64), name: "api-1", image: "api", composeService: "api", state: "running"), at: t0)
        let db = try store.register(ContainerInfo(id: String(repeating: "d", count: 64), name: "db-1", image: "db", composeService: "db", state: "running"), at: t0)
        try store.db.transaction { () throws(StoreError) in
            for minute in 0..<1_440 {
                let time = t0 + Int64(minute) * 60 * s
                try store.samples.insert(MetricSample(time: time, values: [.cpu: 20 + Double(minute % 10), .mem: 100e6 + Double(minute) * 100e3], memoryLimit: 2e9), row: api)
                try store.samples.insert(MetricSample(time: time, values: [.cpu: 5, .mem: 500e6 + Double(minute % 7) * 1e6], memoryLimit: 1e9), row: db)
            }
        }
        while try !store.samples.rollUp(now: now) {}
        try store.setCPULimit(50, row: api)

        var batch = WriteBatch()
        var records: [LogRecord] = []
        for i in 0..<100 {     // the day before: one old error signature, no 5xx
            let time = t0 - day + Int64(i) * 60 * s
            records.append(i == 0 ? LogRecord(time: time, stream: .stderr, level: .error, message: "timeout talking to redis after 30s")
                : LogRecord(time: time, stream: .stdout, level: .info, message: "GET /items 200", httpStatus: 200))
        }
        for i in 0..<200 {
            let time = t0 + Int64(i) * 60 * s
            if i < 5 {
                records.append(LogRecord(time: time, stream: .stderr, level: .error, message: "timeout talking to redis after \(i + 10)s"))
            } else if i < 10 {
                records.append(LogRecord(time: time, stream: .stderr, level: .error, message: "KeyError: <script> & user"))
            } else {
                records.append(LogRecord(time: time, stream: .stdout, level: .info, message: "GET /items", httpStatus: i % 19 == 0 ? 503 : 200))
            }
        }
        batch.append(row: api, stream: .stdout, records: records, position: StreamPosition(time: now, countAtTime: 1))
        func event(_ offset: Int64, _ action: String, exit: Int? = nil) -> ContainerEvent {
            ContainerEvent(time: t0 + offset, action: action, container: ContainerInfo(id: String(repeating: "d", count: 64), name: "db-1", image: "db"), exitCode: exit)
        }
        batch.events = [
            (db, event(-day / 2, "die", exit: 1)), (db, event(-day / 2 + s, "start")),      // the day before: not counted
            (db, event(3_600 * s, "oom")), (db, event(3_600 * s + 1, "die", exit: 137)), (db, event(3_601 * s, "start")),
            (db, event(7_200 * s, "die", exit: 0)), (db, event(7_201 * s, "start")),
        ]
        // The api deployed at 5 min: its KeyErrors came with it.
        batch.events.append((api, ContainerEvent(time: t0 + 300 * s, action: "deploy",
                                                 container: ContainerInfo(id: String(repeating: "a", count: 64), name: "api-1", image: "api:2"),
                                                 detail: "api:1 (3f2a1b2c3d4e) → api:2 (9c8d7e6f5a4b)")))
        batch.gaps = [(db, Gap(containerID: nil, start: t0 + 4 * 3_600 * s, end: t0 + 4 * 3_600 * s + 300 * s, reason: "removed before it was read"))]
        try store.commit(batch, at: now)
        return path
    }

    static func report() throws -> Report {
        let reader = try ReadOnlyDatabase(path: try database())
        return try ReportBuilder(database: reader).build(containers: try reader.allContainers(), since: t0, until: now, now: now)
    }

    @Test func servicesEventsAndRatesAreThere() throws {
        let report = try Self.report()
        #expect(report.services.map(\.service) == ["api", "db"])
        let api = report.services[0], db = report.services[1]
        #expect(api.memoryLooksLikeALeak)
        #expect(!db.memoryLooksLikeALeak)
        #expect(db.events.restarts == 2 && db.events.oomKills == 1 && db.events.exits == [0: 1, 137: 1])
        #expect(api.events == ServiceEvents())
        #expect(api.errors.records == 200 && api.errors.errors == 10)
        #expect(api.previousErrors?.records == 100 && api.previousErrors?.errors == 1)
        let requests = (10..<200).filter { _ in true }.count
        #expect(api.errors.requests == Int64(requests))
        #expect(api.errors.serverErrors == Int64((10..<200).filter { $0 % 19 == 0 }.count))
        // The chart bucket for a day is 15 minutes: 96 points, each a combination of 15 rows.
        #expect(report.chartBucket == 900 * Self.s)
        #expect(api.cpu?.points.count == 96 && api.memory?.points.count == 96)
        #expect(api.memory?.limit == 2e9)
        #expect(api.cpu?.limit == 50 && db.cpu?.limit == nil)
        #expect(abs((api.memory?.growthPerDay ?? 0) - 144e6) < 1e6)   // 100 kB a minute
    }

    @Test func newSignaturesNoisiestAndGaps() throws {
        let report = try Self.report()
        #expect(report.newSignatures.map(\.signature).contains { $0.contains("KeyError") })
        #expect(!report.newSignatures.contains { $0.signature.contains("redis") })
        #expect(report.noisiest.map(\.service) == ["api"])
        #expect(report.gaps.count == 1 && report.gaps[0].service == "db" && report.gaps[0].reason == "removed before it was read")
    }

    @Test func htmlHasEveryChartWithItsPointsAndEscapes() throws {
        let report = try Self.report()
        let html = try ReportRenderer(utc: true).render(report, as: .html)
        for service in ["api", "db"] {
            for metric in ["cpu", "mem"] {
                let tag = "data-service=\"\(service)\" data-metric=\"\(metric)\" data-points=\"96\""
                #expect(html.contains(tag), "\(service) \(metric)")
            }
        }
        let polylines = html.components(separatedBy: "<polyline class=\"series-avg\" points=\"").dropFirst()
        #expect(polylines.count == 4)
        for line in polylines {
            #expect(line.prefix { $0 != "\"" }.split(separator: " ").count == 96)
        }
        #expect(html.contains("KeyError: &lt;script&gt; &amp; user"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("leak?"))
        #expect(html.contains("of the 50.0% limit"))
        #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))   // no external assets
    }

    /// What changed with the api's deploy: the errors since against as long before, and the
    /// signature that came with it.
    @Test func theDeployAndWhatCameWithIt() throws {
        let report = try Self.report()
        let change = try #require(report.services[0].deploy)
        #expect(change.deploy.images == "api:1 (3f2a1b2c3d4e) → api:2 (9c8d7e6f5a4b)")
        #expect(change.after?.errors == 5 && change.after?.records == 195)
        #expect(change.before?.errors == 5 && change.before?.records == 95)
        #expect(change.newSignatures.map(\.signature) == ["KeyError: <script> & user"] && change.newSignatures.first?.count == 5)
        #expect(report.services[1].deploy == nil)
        let text = try ReportRenderer(utc: true).render(report, as: .text)
        #expect(text.contains("  deploy  2026-11-26 08:05 api:1 (3f2a1b2c3d4e) → api:2 (9c8d7e6f5a4b)\n          since: errors 2.56% (as long before: 5.26%)\n"
                              + "          new since  ×5  KeyError: <script> & user\n"), "\(text)")
        let html = try ReportRenderer(utc: true).render(report, as: .html)
        #expect(html.contains("New since: ×5 <code>KeyError: &lt;script&gt; &amp; user</code>"))
    }

    /// `aclog trend --compare deploy`: the api's memory, growing 100 kB a minute, averages 72 %
    /// more in the day after its deploy at 5 min than in the 5 minutes before it.
    @Test func resourcesEitherSideOfTheDeploy() throws {
        let reader = try ReadOnlyDatabase(path: try Self.database())
        let around = try #require(try reader.aroundDeploy(services: ["api"], nth: 1, longest: Self.day, now: Self.now))
        #expect(around.deploy.time == Self.t0 + 300 * Self.s && around.length == Self.day - 300 * Self.s)
        let question = { (since: Int64, until: Int64) in TrendQuestion(services: ["api"], metrics: [.mem], since: since, until: until, bucket: 60 * Self.s) }
        let after = try reader.trends(question(around.deploy.time, around.deploy.time + around.length), now: Self.now)
        let before = try reader.trends(question(around.deploy.time - around.length, around.deploy.time), now: Self.now)
        var lines = CollectedLines()
        DeployComparisonTable(after: after, before: before, span: "1 d").render(into: &lines)
        #expect(lines.lines.count == 2 && lines.lines[1].hasPrefix("api") && lines.lines[1].contains("+72%"), "\(lines.lines)")
        #expect(try reader.aroundDeploy(services: ["db"], nth: 1, longest: Self.day, now: Self.now) == nil)
        #expect(try reader.aroundDeploy(services: ["api"], nth: 2, longest: Self.day, now: Self.now) == nil)
    }

    @Test func markdownAndTextSayTheSame() throws {
        let report = try Self.report()
        let md = try ReportRenderer(utc: true).render(report, as: .md)
        let text = try ReportRenderer(utc: true).render(report, as: .text)
        for body in [md, text] {
            #expect(body.contains("api") && body.contains("db"))
            #expect(body.contains("2 restarts, 1 OOM kill,"), "\(body)")
            #expect(body.contains("0, 137"))
            #expect(body.contains("removed before it was read"))
        }
        #expect(text.contains("KeyError: <script> & user"))          // text is not HTML-escaped
        #expect(md.contains(#"KeyError: \<script\> & user"#))       // Markdown shows it as it is, not as HTML
        #expect(md.contains("| api **leak?** |"))
        #expect(text.contains("[memory grows steadily: leak?]"))
    }
}
