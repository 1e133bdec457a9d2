import ACLogHTTP
import ACLogModel
@testable import ACLogOTLP
import ACLogParsing
import ACLogQuery
import ACLogSQLite
import ACLogStore
import ACLogTestSupport
import NIOCore
import SwiftProtobuf
import Testing

@Suite struct OTLPTests {
    static let second = Timestamp.nanosPerSecond
    static let t0: Int64 = 1_796_000_000 * Timestamp.nanosPerSecond

    /// A database with an nginx line (a 503 with a query string), a traceback on stderr and a line of another container.
    static func stored() throws -> (String, CollectorStore) {
        let path = temporaryDatabase()
        let store = try CollectorStore(path: path)
        let web = try store.register(ContainerInfo(id: "ab" + String(repeating: "0", count: 62), name: "shop-web-1", image: "nginx:1.27-alpine",
                                                   composeService: "web", composeProject: "shop", state: "running"), at: t0)
        let api = try store.register(ContainerInfo(id: "cd" + String(repeating: "1", count: 62), name: "api", image: "registry.local:5000/api", state: "running"), at: t0)
        let access = #"10.0.0.7 - - [05/Dec/2026:05:00:00 +0000] "POST /api/items?page=2 HTTP/1.1" 503 157 "-" "curl/8.4.0""#
        let nginx = FormatCatalog.number(of: "nginx")
        var batch = WriteBatch()
        batch.append(row: web, stream: .stdout, records: [LogRecord(time: t0, stream: .stdout, level: .error, message: access, format: nginx, httpStatus: 503)],
                     position: StreamPosition(time: t0, countAtTime: 1))
        batch.append(row: api, stream: .stderr, records: [LogRecord(time: t0 + second, stream: .stderr, level: .error,
                                                                    message: "Traceback (most recent call last):\n  File \"a.py\"\nValueError: 7")],
                     position: StreamPosition(time: t0 + second, countAtTime: 1))
        batch.append(row: web, stream: .stdout, records: [LogRecord(time: t0 + 2 * second, stream: .stdout, level: .info, message: "ready")],
                     position: StreamPosition(time: t0 + 2 * second, countAtTime: 1))
        try store.commit(batch, at: t0 + 3 * second)
        return (path, store)
    }

    static func attributes(_ list: [KeyValue]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: list.map { pair in
            let v = pair.value
            let text: String = switch v.value {
            case .stringValue(let s)?: s
            case .intValue(let n)?: "int:\(n)"
            case .arrayValue(let a)?: "[" + a.values.map(\.stringValue).joined(separator: ",") + "]"
            default: "\(v)"
            }
            return (pair.key, text)
        })
    }

    @Test func recordsFollowTheLogDataModelAndTheSemanticConventions() throws {
        let (path, _) = try Self.stored()
        let records = try ReadOnlyDatabase(path: path).recordsToExport(after: 0, limit: 10)
        #expect(records.count == 3)
        let request = LogsRequest.make(records, hostName: "host-1")
        // Encoded and decoded again by swift-protobuf, as a receiver would.
        let decoded = try ExportLogsRequest(serializedBytes: try request.serializedBytes() as [UInt8])
        #expect(decoded.resourceLogs.count == 2)
        // One resource per container, in the order their first record was stored.
        let byService = Dictionary(uniqueKeysWithValues: decoded.resourceLogs.map { (Self.attributes($0.resource.attributes)["service.name"]!, $0) })
        let web = try #require(byService["web"])
        #expect(Self.attributes(web.resource.attributes) == [
            "service.name": "web", "service.namespace": "shop", "container.id": "ab" + String(repeating: "0", count: 62),
            "container.name": "shop-web-1", "container.image.name": "nginx", "container.image.tags": "[1.27-alpine]", "host.name": "host-1",
        ])
        #expect(web.scopeLogs[0].scope.name == "aclog")
        let access = web.scopeLogs[0].logRecords[0]
        #expect(access.timeUnixNano == UInt64(Self.t0) && access.observedTimeUnixNano == UInt64(Self.t0))
        #expect(access.severityNumber == .error && access.severityText == "ERROR")
        #expect(access.body.stringValue.hasPrefix("10.0.0.7 - - "))
        let a = Self.attributes(access.attributes)
        #expect(a["log.iostream"] == "stdout")
        #expect(a["http.response.status_code"] == "int:503")
        #expect(a["http.request.method"] == "POST")
        #expect(a["url.path"] == "/api/items" && a["url.query"] == "page=2")
        #expect(a["http.response.body.size"] == "int:157")
        // Both records of the web container, in the order stored; the traceback whole, on stderr.
        #expect(web.scopeLogs[0].logRecords.map(\.body.stringValue).last == "ready")
        #expect(web.scopeLogs[0].logRecords.last?.severityNumber == .info)
        let api = try #require(byService["api"])
        #expect(Self.attributes(api.resource.attributes)["container.image.name"] == "registry.local:5000/api")
        #expect(Self.attributes(api.resource.attributes)["service.namespace"] == nil)
        #expect(api.scopeLogs[0].logRecords[0].body.stringValue == "Traceback (most recent call last):\n  File \"a.py\"\nValueError: 7")
        #expect(Self.attributes(api.scopeLogs[0].logRecords[0].attributes)["log.iostream"] == "stderr")
    }

    @Test func endpointsComeFromTheFlagOrOpenTelemetrysVariables() throws {
        let flag = try #require(try OTLPEndpoint.resolve(flag: "http://127.0.0.1:4318", protocolFlag: nil, environment: [:]))
        #expect(flag.url == "http://127.0.0.1:4318/v1/logs" && flag.encoding == .protobuf && flag.gzip)
        #expect(try OTLPEndpoint.resolve(flag: "http://loki:3100/otlp/", protocolFlag: nil, environment: [:])?.url == "http://loki:3100/otlp/v1/logs")
        #expect(try OTLPEndpoint.resolve(flag: nil, protocolFlag: nil, environment: [:]) == nil)
        let env = ["OTEL_EXPORTER_OTLP_ENDPOINT": "https://otel.example.org", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT": "https://logs.example.org/ingest",
                   "OTEL_EXPORTER_OTLP_HEADERS": "Authorization=Basic%20dXNlcjpwdw==, X-Scope-OrgID=tenant-1",
                   "OTEL_EXPORTER_OTLP_LOGS_HEADERS": "x-scope-orgid=tenant-2", "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
                   "OTEL_EXPORTER_OTLP_COMPRESSION": "none"]
        let fromEnv = try #require(try OTLPEndpoint.resolve(flag: nil, protocolFlag: nil, environment: env))
        #expect(fromEnv.url == "https://logs.example.org/ingest" && fromEnv.encoding == .json && !fromEnv.gzip)
        #expect(fromEnv.headers.map(\.0) == ["Authorization", "x-scope-orgid"] && fromEnv.headers.map(\.1) == ["Basic dXNlcjpwdw==", "tenant-2"])
        for (flag, proto, message) in [("ftp://x", nil, "invalid OTLP endpoint 'ftp://x/v1/logs'"), ("http://x", "grpc", "unsupported OTLP protocol 'grpc'")] {
            #expect(throws: OTLPEndpoint.Invalid.self) { try OTLPEndpoint.resolve(flag: flag, protocolFlag: proto, environment: [:]) }
            do { _ = try OTLPEndpoint.resolve(flag: flag, protocolFlag: proto, environment: [:]) } catch { #expect(error.description.hasPrefix(message), "\(error)") }
        }
    }

    @Test func answersAreReadAsTheSpecificationSays() throws {
        var partial = ExportLogsResponse()
        partial.partialSuccess.rejectedLogRecords = 3
        partial.partialSuccess.errorMessage = "too old"
        let ok = HTTPExchange.Answer(status: 200, headers: [("content-type", "application/x-protobuf")], body: try partial.serializedBytes())
        #expect(ExportAnswer(ok, encoding: .protobuf) == .accepted(rejected: 3, message: "too old"))
        let json = HTTPExchange.Answer(status: 200, headers: [], body: Array(#"{"partialSuccess":{"rejectedLogRecords":"2","errorMessage":"x"}}"#.utf8))
        #expect(ExportAnswer(json, encoding: .json) == .accepted(rejected: 2, message: "x"))
        #expect(ExportAnswer(.init(status: 200, headers: [], body: []), encoding: .protobuf) == .accepted(rejected: 0, message: ""))
        #expect(ExportAnswer(.init(status: 429, headers: [("retry-after", "7")], body: []), encoding: .protobuf) == .retry("HTTP 429", after: 7))
        #expect(ExportAnswer(.init(status: 503, headers: [], body: []), encoding: .protobuf) == .retry("HTTP 503", after: nil))
        #expect(ExportAnswer(.init(status: 400, headers: [("content-type", "text/plain")], body: Array("bad body\nmore".utf8)), encoding: .protobuf) == .refused("HTTP 400: bad body"))
        #expect(ExportAnswer(.init(status: 413, headers: [], body: []), encoding: .protobuf) == .tooLarge)
    }

    @Test func retentionCountsWhatWasNotSentAndNeverLeavesACursorAboveTheRecords() throws {
        let (path, store) = try Self.stored()
        let cursors = ExportCursors(db: store.db)
        try cursors.begin(endpoint: "http://a/v1/logs", at: Self.t0)
        try cursors.begin(endpoint: "http://b/v1/logs", at: Self.t0)
        // a has sent the first record; b nothing.
        #expect(try cursors.acknowledged(endpoint: "http://a/v1/logs", from: 0, to: 1, sent: 1, rejected: 0, at: Self.t0))
        // A stale acknowledgement (from another cursor position) changes nothing.
        #expect(try !cursors.acknowledged(endpoint: "http://a/v1/logs", from: 0, to: 3, sent: 3, rejected: 0, at: Self.t0))
        // Retention deletes every record.
        #expect(try RecordPruner(db: store.db).pruneBatch(before: .max, maxRecords: 100).removed == 3)
        let states = try ReadOnlyDatabase(path: path).exportStates()
        #expect(states.map(\.missed) == [2, 3])
        #expect(states.map(\.sent) == [1, 0])
        // The cursor came down to the highest id left (none): new records, which reuse ids 1.., are sent.
        #expect(states.map(\.lastID) == [0, 0])
        var batch = WriteBatch()
        batch.append(row: 1, stream: .stdout, records: [LogRecord(time: Self.t0 + 9 * Self.second, stream: .stdout, level: .info, message: "after")],
                     position: StreamPosition(time: Self.t0 + 9 * Self.second, countAtTime: 1))
        try store.commit(batch, at: Self.t0 + 10 * Self.second)
        let next = try ReadOnlyDatabase(path: path).recordsToExport(after: 0, limit: 10)
        #expect(next.map(\.message) == ["after"] && next[0].id == 1)
        #expect(try ReadOnlyDatabase(path: path).exportStates().map(\.behind) == [1, 1])
    }
}
