import ACLogModel
@testable import ACLogRender
import ACLogQuery
import ACLogSQLite
import ACLogStore
import ACLogTestSupport
import Foundation
import Testing

/// The report says only what its data supports (issue 16): a young database is not "complete",
/// minutes of memory are not a leak, a lone sample is drawn, counts read right, and Markdown
/// cells hold what a log line put in them.
@Suite struct ReportTruthTests {
    static let s: Int64 = 1_000_000_000
    static let now: Int64 = 1_795_680_000 * s

    /// A collector that started 17 minutes ago, a service whose memory climbed the whole time,
    /// one with a single sample, and an error signature with Markdown in it.
    static func youngDatabase() throws -> String {
        let path = temporaryDatabase()
        let store = try CollectorStore(path: path)
        let start = now - 17 * 60 * s
        try store.beginRun(at: start, pid: 1, docker: "docker")
        let web = try store.register(container("a1", name: "web-1", service: "web"), at: start)
        let once = try store.register(container("a2", name: "once-1", service: "once"), at: start)
        try store.db.transaction { () throws(StoreError) in
            for minute in 0..<17 {
                let time = start + Int64(minute) * 60 * s
                try store.samples.insert(MetricSample(time: time, values: [.cpu: 3, .mem: 1_048_576 + Double(minute) * 12_000]), row: web)
            }
            try store.samples.insert(MetricSample(time: start + 60 * s, values: [.cpu: 1, .mem: 700 * 1024]), row: once)
        }
        while try !store.samples.rollUp(now: now) {}
        var batch = WriteBatch()
        batch.append(row: web, stream: .stderr, records: [
            LogRecord(time: start + 5 * s, stream: .stderr, level: .error, message: "ValueError: a|b `x` *y* <z>"),
        ], position: StreamPosition(time: start + 5 * s, countAtTime: 1))
        batch.events = [(once, ContainerEvent(time: start + 2 * s, action: "oom", container: container("a2", name: "once-1", service: "once")))]
        try store.commit(batch, at: now)
        return path
    }

    static func report() throws -> Report {
        let reader = try ReadOnlyDatabase(path: try youngDatabase())
        return try ReportBuilder(database: reader).build(containers: try reader.allContainers(), since: now - 86_400 * s, until: now, now: now)
    }

    @Test func aYoungDatabaseSaysHowLittleItSaw() throws {
        let report = try Self.report()
        #expect(report.coverage.observed == 17 * 60 * Self.s)
        let text = try ReportRenderer(utc: true).render(report, as: .text)
        #expect(!text.lowercased().contains("complete") && !text.contains("whole period"), "\(text)")
        #expect(text.contains("The collector ran for 17 min 0 s of the 1 d 0 h (1.2%); it first ran on this database at"), "\(text)")
    }

    @Test func minutesOfClimbingMemoryAreNoLeakAndNoGrowthRate() throws {
        let report = try Self.report()
        let web = try #require(report.services.first { $0.service == "web" })
        #expect(web.memory?.growthPerDay ?? 0 > 0)
        #expect(!web.memoryLooksLikeALeak && web.memoryGrowthPerDay == nil)
        for format in ReportRenderer.Format.allCases {
            let body = try ReportRenderer(utc: true).render(report, as: format)
            #expect(!body.contains("leak?") && !body.contains("growth"), "\(format)")
        }
    }

    @Test func aLoneSampleIsDrawnAndAxesUseTheNextUnit() throws {
        let html = try ReportRenderer(utc: true).render(try Self.report(), as: .html)
        let once = try #require(html.components(separatedBy: "data-service=\"once\" data-metric=\"mem\"").dropFirst().first)
        let chart = once.prefix { $0 != "/" || true }.components(separatedBy: "</svg>")[0]
        #expect(chart.contains("<circle class=\"series-point\""), "\(chart)")
        // 700 KiB rounds up to 1 MiB, not to "1000.0 KiB".
        #expect(chart.contains(">1 MiB<") && chart.contains(">512 KiB<") && !chart.contains("1000"), "\(chart)")
        #expect(SVGChart.roundUpBytes(700 * 1024) == 1_048_576 && SVGChart.roundUpBytes(300 * 1024) == 500 * 1024)
        #expect(SVGChart.axisLabel(2.5 * 1_048_576, .bytes) == "2.5 MiB" && SVGChart.axisLabel(50, .percent) == "50%")
    }

    @Test func countsReadRightAndMarkdownCellsStayCells() throws {
        let report = try Self.report()
        let md = try ReportRenderer(utc: true).render(report, as: .md)
        let text = try ReportRenderer(utc: true).render(report, as: .text)
        for body in [md, text] {
            #expect(body.contains("0 restarts, 1 OOM kill,"), "\(body)")
            #expect(body.contains("1 record") && !body.contains("1 records") && !body.contains("1 OOM kills"), "\(body)")
        }
        let row = try #require(md.split(separator: "\n").first { $0.contains("ValueError") })
        // Five cell separators: the `|` of the message is escaped, and so are its code and emphasis marks.
        let separators = row.indices.filter { row[$0] == "|" && (row.startIndex == $0 || row[row.index(before: $0)] != "\\") }
        #expect(separators.count == 4, "\(row)")
        #expect(row.contains(#"ValueError: a\|b \`x\` \*y\* \<z\>"#), "\(row)")
    }
}
