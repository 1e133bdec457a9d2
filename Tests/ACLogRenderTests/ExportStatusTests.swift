import ACLogModel
import ACLogQuery
@testable import ACLogRender
import ACLogSQLite
import ACLogStore
import ACLogTestSupport
import Testing

/// `aclog status` says where the OTLP export to each endpoint stands: what was sent, what is still
/// to send and since when, what the receiver refused, what retention deleted first, the last error.
@Suite struct ExportStatusTests {
    @Test func eachEndpointsLagRefusalsAndLossAreShown() throws {
        let path = temporaryDatabase()
        let store = try CollectorStore(path: path)
        let row = try store.register(container("e1", name: "api-1", service: "api"), at: 0)
        let now = Timestamp.now()
        var batch = WriteBatch()
        for i in 0..<5 {
            let time = now - Int64(300 - i) * Timestamp.nanosPerSecond
            batch.append(row: row, stream: .stdout, records: [LogRecord(time: time, stream: .stdout, level: .info, message: "line \(i)")],
                         position: StreamPosition(time: time, countAtTime: 1))
        }
        try store.commit(batch, at: now)
        let cursors = ExportCursors(db: store.db)
        try cursors.begin(endpoint: "http://loki:3100/otlp/v1/logs", at: now - 600 * Timestamp.nanosPerSecond)
        #expect(try cursors.acknowledged(endpoint: "http://loki:3100/otlp/v1/logs", from: 0, to: 2, sent: 1, rejected: 1, at: now))
        try cursors.failed(endpoint: "http://loki:3100/otlp/v1/logs", reason: "HTTP 503")
        let status = try ReadOnlyDatabase(path: path).status(gapsSince: now - 86_400 * Timestamp.nanosPerSecond)
        let lines = StatusText(utc: true).lines(status)
        let at = try #require(lines.firstIndex(of: "otlp        http://loki:3100/otlp/v1/logs"), "\(lines)")
        let oldest = String(Timestamp.display(now - 298 * Timestamp.nanosPerSecond, utc: true).prefix(19))
        #expect(lines[at + 1].hasPrefix("            sent 1 since "), "\(lines[at + 1])")
        #expect(lines[at + 1].contains(", 3 behind, the oldest from \(oldest) (4 min"), "\(lines[at + 1])")
        #expect(lines[at + 1].hasSuffix("; refused by the receiver 1, deleted by retention before they were sent 0"), "\(lines[at + 1])")
        #expect(lines[at + 2] == "            failing: HTTP 503; tried again with backoff")
        let json = StatusJSON.object(status)
        #expect(json.contains(#""otlp":[{"endpoint":"http://loki:3100/otlp/v1/logs","sent":1,"behind":3,"#), "\(json)")
        #expect(json.contains(#""rejected":1,"missed":0,"#) && json.contains(#""last_error":"HTTP 503"}]"#), "\(json)")
    }
}
