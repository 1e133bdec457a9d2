import ACLogModel
@testable import ACLogQuery
@testable import ACLogSQLite
@testable import ACLogStore
import Foundation
import ACLogTestSupport
import Testing

@Suite struct ErrorReportTests {
    let path = temporaryDatabase()

    /// Three services over six hours: levels and HTTP statuses from a fixed generator.
    init() throws {
        let store = try CollectorStore(path: path)
        let ids = try ["api", "db", "web"].map { try store.register(container($0 + "1", name: $0, service: $0), at: 0) }
        var state: UInt64 = 7
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        var batch = WriteBatch()
        for i in 0..<6_000 {
            let container = next() % 3
            let time = Int64(i) * 3_600_000_000_000 / 1_000 + 1_795_000_000_000_000_000
            let status = container == 0 && next() % 2 == 0 ? [200, 200, 201, 404, 500, 503][next() % 6] : nil
            let level = status.map { $0 >= 500 ? Level.error : $0 >= 400 ? .warn : .info } ?? Level(rawValue: next() % 7)!
            let fields = status.map { "{\"http.status\":\($0)}" }
            batch.append(row: ids[container], stream: .stdout,
                         records: [LogRecord(time: time, stream: .stdout, level: level, message: "m \(i % 5) id=\(i)", fields: fields, httpStatus: status)],
                         position: StreamPosition(time: time, countAtTime: 1))
        }
        try store.commit(batch, at: 1)
    }

    @Test func ratesEqualADirectComputation() throws {
        let reader = try ReadOnlyDatabase(path: path)
        let hour: Int64 = 3_600_000_000_000
        let buckets = try reader.errorBuckets(containers: try reader.allContainers(), since: .min, until: .max, bucket: hour)
        // The same numbers straight from the records.
        let direct = try reader.db.prepare("""
            SELECT c.service, r.ts - r.ts % \(hour), count(*), sum(r.level >= 5),
                   sum(json_extract(record_fields(r.format, r.message, r.fields), '$."http.status"') IS NOT NULL),
                   sum(coalesce(json_extract(record_fields(r.format, r.message, r.fields), '$."http.status"') >= 500, 0))
            FROM records r JOIN containers c ON c.id = r.container GROUP BY 1, 2 ORDER BY 1, 2
            """)
        var expected: [ErrorBucket] = []
        while try direct.step() {
            expected.append(ErrorBucket(service: direct.text(0), start: direct.int64(1), records: direct.int64(2), errors: direct.int64(3),
                                        requests: direct.int64(4), serverErrors: direct.int64(5)))
        }
        #expect(buckets == expected)
        #expect(buckets.contains { $0.serverErrors > 0 && $0.service == "api" })
        #expect(buckets.filter { $0.service != "api" }.allSatisfy { $0.requests == 0 })
    }

    @Test func signaturesFoldWhatVaries() throws {
        let reader = try ReadOnlyDatabase(path: path)
        let signatures = try reader.errorSignatures(containers: try reader.allContainers(), since: .min, until: .max)
        // "m <k> id=<i>" errors fold to five signatures per service at most.
        #expect(signatures.values.allSatisfy { $0.count <= 5 })
        #expect(signatures["api"]?.keys.contains("m <n> id=<n>") == true)
    }

    @Test(arguments: [
        ("1:M 12 Jun 2023 22:18:26.030 * Fork CoW for RDB: current 4 MB, peak 4 MB, average 2 MB",
         "13011:C 22 Aug 2024 12:19:17.067 * Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB"),
        ("2026-11-27 01:34:03.474 | ERROR    | agentchat.api.v1.agent:diagnose_example:28 - 'missing key sk-1'",
         "2026-11-28 09:00:00.001 | ERROR    | agentchat.api.v1.agent:diagnose_example:28 - 'other value'"),
        ("connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, upstream: \"http://172.18.0.4:7860/api\"",
         "connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.9, upstream: \"http://10.0.0.3:7860/x\""),
        ("Error 111 connecting to localhost:6379. Connection refused. request 9f8e7d6c5b4a3f2e1d0c",
         "Error 111 connecting to localhost:6379. Connection refused. request 0a1b2c3d4e5f60718293"),
        ("open() \"/usr/share/nginx/html/favicon.ico\" failed (2: No such file or directory)",
         "open() \"/usr/share/nginx/html/robots.txt\" failed (2: No such file or directory)"),
        ("job 3f2504e0-4f89-11d3-9a0c-0305e82c3301 failed after 3 tries", "job 16fd2706-8baf-433b-82eb-8c7fada847da failed after 12 tries"),
        // A timestamp that does not lead the line (a prefix before it) still folds whole.
        ("7 2019-04-09T13:56:37.790405Z 1 [ERROR] [MY-012655] [InnoDB] Failed to create check sector file",
         "8123 2019-04-09T21:04:11.000001Z 1 [ERROR] [MY-012655] [InnoDB] Failed to create check sector file"),
    ])
    func similarErrorsShareASignature(_ a: String, _ b: String) {
        #expect(ErrorSignature.of(a) == ErrorSignature.of(b), "\(ErrorSignature.of(a)) ≠ \(ErrorSignature.of(b))")
    }

    @Test func foldedForms() {
        #expect(ErrorSignature.of("2026-11-27 01:34:03.474 | ERROR    | mod:fn:28 - id=42 took 12ms from 10.0.0.1:80 at /app/x.py")
                == "| ERROR    | mod:fn:<n> - id=<n> took <n>ms from <ip> at <path>")
        #expect(ErrorSignature.of("v2 T13 0xdeadbeef 9f8e7d6c5b4a 'sk-[REDACTED]'") == "v2 T13 <hex> <hex> <str>")
    }

    @Test func differentErrorsDoNot() {
        #expect(ErrorSignature.of("Connection refused") != ErrorSignature.of("Connection reset by peer"))
        #expect(ErrorSignature.of("ValueError: bad\n  File x") == ErrorSignature.of("ValueError: bad"))
    }
}
