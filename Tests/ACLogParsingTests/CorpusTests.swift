import ACLogModel
@testable import ACLogParsing
import Foundation
import Testing

/// The whole log corpus through the parsers and the multi-line assembler, as the collector runs them.
enum Corpus {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Every line of every `.log` file of the corpus, as bytes (the mutation tests' seeds).
    static func everyLineAsBytes() throws -> [[UInt8]] {
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".log") }
        return try files.flatMap { file in
            try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8).split(separator: "\n").map { Array($0.utf8) }
        }
    }

    static func lines(_ file: String) throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Records of a file read as one stream of a container with this image, lines 1 ms apart.
    static func records(_ file: String, image: String) throws -> [LogRecord] {
        let builder = RecordBuilder(container: ContainerInfo(id: "c", name: "c", image: image))
        var assembler = MultilineAssembler()
        var records: [LogRecord] = []
        for (i, line) in try lines(file).enumerated() {
            let time = Int64(i) * 1_000_000
            records += assembler.add(builder.line(time: time, stream: .stdout, text: line), tag: StreamPosition(time: time, countAtTime: 1)).map(\.record)
        }
        return records + assembler.close().map(\.record)
    }

    /// A record's fields as they are shown: read again from its message by its format.
    static func fields(_ record: LogRecord) -> [String: Any] {
        guard let text = RecordFields.json(format: record.format, message: record.message, stored: record.fields),
              let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [:] }
        return object
    }
}

@Suite struct CorpusTests {
    @Test(arguments: [
        ("python_traceback.log", "python", 13), ("loguru.log", "python", 13), ("uvicorn.log", "python", 22),
        ("gunicorn.log", "python", 24), ("mysql8.log", "mysql", 57), ("mysql57.log", "mysql", 57), ("redis.log", "redis", 42),
        ("nginx_access.log", "nginx", 18), ("nginx_error.log", "nginx", 29), ("vite.log", "node", 23),
        ("generated/agentchat_backend_uvicorn.log", "python", 34),
        // Four workers' stdout and stderr merged in one file: only the line accounting is checked.
        ("generated/agentchat_backend_gunicorn_w4.log", "python", nil),
    ] as [(String, String, Int?)])
    func everyLineBelongsToExactlyOneRecord(file: String, image: String, expectedRecords: Int?) throws {
        // Each line as it is stored (secrets masked), then the records' lines: the same sequence.
        let builder = RecordBuilder(container: ContainerInfo(id: "c", name: "c", image: image))
        let lines = try Corpus.lines(file).map { line -> String in
            let cooked = builder.line(time: 0, stream: .stdout, text: line)
            return cooked.raw ?? cooked.message
        }
        let records = try Corpus.records(file, image: image)
        let rejoined = records.flatMap { ($0.raw ?? $0.message).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) } }
        let same = rejoined == lines
        #expect(same, "\(file): \(rejoined.count) lines in records, \(lines.count) in the file")
        if let expectedRecords { #expect(records.count == expectedRecords, "\(file): \(records.count) records") }
    }

    @Test func tracebacksStayWhole() throws {
        let records = try Corpus.records("python_traceback.log", image: "python")
        // Lines 1–16 and 17–35 (a chain with "During handling ...") of the file: one record each.
        #expect(records[0].message.split(separator: "\n").count == 16)
        #expect(records[0].message.hasSuffix("redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused."))
        #expect(records[1].message.split(separator: "\n", omittingEmptySubsequences: false).count == 19)
        #expect(records[1].message.contains("During handling of the above exception"))
        #expect(records[0].level == .error && records[1].level == .error)
        // uvicorn's "Exception in ASGI application" keeps its exception group (lines 36–55).
        #expect(records[2].message.hasPrefix("ERROR:    Exception in ASGI application\n  + Exception Group Traceback"))
        #expect(records[2].message.split(separator: "\n", omittingEmptySubsequences: false).count == 20)
        #expect(records[2].level == .error)
        let loguru = try Corpus.records("loguru.log", image: "python")
        let chained = try #require(loguru.first { $0.message.split(separator: "\n", omittingEmptySubsequences: false).count == 46 })
        #expect(chained.message.contains("The above exception was the direct cause") || chained.message.contains("During handling"))
    }

    @Test(arguments: [
        ("loguru.log", "python", "| TRACE", Level.trace), ("loguru.log", "python", "| SUCCESS", .info),
        ("loguru.log", "python", "| WARNING", .warn), ("loguru.log", "python", "| CRITICAL", .fatal),
        ("generated/agentchat_backend_uvicorn.log", "python", "WARNING:", .warn), ("uvicorn.log", "python", "INFO:     Started", .info),
        ("gunicorn.log", "python", "[CRITICAL] WORKER TIMEOUT", .fatal), ("gunicorn.log", "python", "[DEBUG]", .debug),
        ("mysql8.log", "mysql", "[System]", .info), ("mysql8.log", "mysql", "[Warning]", .warn), ("mysql8.log", "mysql", "[ERROR]", .error),
        ("mysql8.log", "mysql", "[Entrypoint]", .info), ("mysql57.log", "mysql", "[Note]", .info),
        ("redis.log", "redis", " * ", .info), ("redis.log", "redis", " # ", .warn), ("redis.log", "redis", "signal-handler", .warn),
        ("nginx_error.log", "nginx", "[error]", .error), ("nginx_error.log", "nginx", "[notice]", .info),
        ("vite.log", "node", "http proxy error", .error), ("vite.log", "node", "Failed to load source map", .warn),
    ])
    func levelsFollowTheFormatsOwnToken(file: String, image: String, token: String, level: Level) throws {
        let records = try Corpus.records(file, image: image).filter {
            ($0.message.split(separator: "\n").first ?? "").contains(token)
        }
        #expect(!records.isEmpty, "no record of \(file) has \(token)")
        // Redis failures are raised to error, MySQL's "Aborting" (MY-010119) to fatal.
        for record in records where !(token == " # " && record.level == .error) && !record.message.contains("MY-010119") {
            #expect(record.level == level, "\(file): \(record.message.prefix(100))")
        }
    }

    @Test func accessLinesCarryTheirHTTPFields() throws {
        // nginx: every line of the access log.
        let nginx = try Corpus.records("nginx_access.log", image: "nginx")
        let withStatus = nginx.filter { Corpus.fields($0)["http.status"] != nil }
        #expect(withStatus.count == nginx.count)
        for record in withStatus {
            let status = Corpus.fields(record)["http.status"] as! Int
            #expect(record.message.contains("\" \(status) "), "\(record.message)")
            #expect(record.level == (status >= 500 ? .error : status >= 400 ? .warn : .info))
        }
        #expect(withStatus.contains { Corpus.fields($0)["http.method"] as? String == "GET" && Corpus.fields($0)["http.path"] != nil })
        // uvicorn: the access lines of the generated AgentChat output, and the middleware latency.
        let backend = try Corpus.records("generated/agentchat_backend_uvicorn.log", image: "agentchat-backend")
        let access = backend.filter { $0.message.hasPrefix("INFO:") && $0.message.contains(" HTTP/1.1\" ") }
        #expect(access.count >= 4)
        for record in access {
            let f = Corpus.fields(record)
            #expect(f["http.method"] != nil && f["http.path"] != nil && f["client"] != nil, "\(record.message)")
            let status = try #require(f["http.status"] as? Int)
            #expect(record.message.contains("\" \(status)"))
        }
        #expect(access.contains { $0.level == .error && Corpus.fields($0)["http.status"] as? Int == 500 })
        let middleware = try #require(backend.first { Corpus.fields($0)["http.latency_ms"] != nil })
        #expect(middleware.message.contains("time_cost="))
        #expect(Corpus.fields(middleware)["http.status"] != nil)
    }

    /// Every access line of the corpus, whatever the format around it, gives its status and request.
    @Test func everyAccessLineOfTheCorpusHasItsHTTPFields() throws {
        let request = try NSRegularExpression(pattern: #""([A-Z]+) (\S+) HTTP/[\d.]+" (\d{3})"#)
        var checked = 0
        for (file, image) in [("uvicorn.log", "python"), ("nginx_access.log", "nginx"), ("gunicorn.log", "python"),
                              ("python_traceback.log", "python"), ("generated/agentchat_backend_uvicorn.log", "python"),
                              ("generated/agentchat_backend_gunicorn_accesslog.log", "python")] {
            for record in try Corpus.records(file, image: image) {
                let first = String(record.message.split(separator: "\n").first ?? "")
                guard let match = request.firstMatch(in: first, range: NSRange(first.startIndex..., in: first)) else { continue }
                let text = { (i: Int) in String(first[Range(match.range(at: i), in: first)!]) }
                let f = Corpus.fields(record)
                #expect(f["http.status"] as? Int == Int(text(3)), "\(file): \(first)")
                #expect(f["http.method"] as? String == text(1), "\(file): \(first)")
                #expect(f["http.path"] as? String == text(2), "\(file): \(first)")
                checked += 1
            }
        }
        #expect(checked == 28, "access lines with a request in these files")
    }

    @Test func minioLines() {
        let builder = RecordBuilder(container: ContainerInfo(id: "c", name: "agentchat-minio", image: "minio/minio:RELEASE.2023-03-20T20-16-18Z"))
        var assembler = MultilineAssembler()
        var records: [LogRecord] = []
        let lines = [
            "API: http://172.18.0.3:9000  http://127.0.0.1:9000",
            "WARNING: Detected default credentials 'minioadmin:minioadmin', we recommend that you change these values with 'MINIO_ROOT_USER' and 'MINIO_ROOT_PASSWORD' environment variables",
            "API: SYSTEM()",
            "Time: 10:42:11 UTC 03/20/2023",
            "Error: Read failed. Insufficient number of drives online (*errors.errorString)",
            "       6: internal/logger/logger.go:258:logger.LogIf()",
            "       5: cmd/erasure-server-pool.go:1535:cmd.(*erasureServerPools).ListBuckets()",
            "Status:         1 Online, 0 Offline.",
        ]
        for (i, line) in lines.enumerated() {
            records += assembler.add(builder.line(time: Int64(i), stream: .stdout, text: line), tag: .init(time: Int64(i), countAtTime: 1)).map(\.record)
        }
        records += assembler.close().map(\.record)
        #expect(records.map(\.level) == [.info, .warn, .error, .info])
        #expect(records[1].message.contains("'[REDACTED]'"))
        #expect(records[2].message.split(separator: "\n").count == 5)
    }

    @Test func jsonAndLogfmtLines() {
        let builder = RecordBuilder(container: ContainerInfo(id: "c", name: "svc", image: "unknown/app"))
        let zap = builder.record(time: 1, stream: .stdout, text: #"{"level":"warn","ts":1732600000.1,"logger":"api","msg":"slow","latency_ms":812}"#)
        #expect(zap.level == .warn)
        #expect(Corpus.fields(zap)["logger"] as? String == "api")
        #expect(Corpus.fields(zap)["latency_ms"] as? Int == 812)
        let pino = builder.record(time: 1, stream: .stdout, text: #"{"level":50,"time":1,"pid":7,"hostname":"h","msg":"boom"}"#)
        #expect(pino.level == .error)
        #expect(Corpus.fields(pino)["pid"] as? Int == 7)
        let logfmt = builder.record(time: 1, stream: .stdout, text: #"time=2026-11-26T10:00:00Z level=error msg="db down" retries=3"#)
        #expect(logfmt.level == .error)
        #expect(Corpus.fields(logfmt)["retries"] as? Int == 3)
    }

    @Test func anUnrecognisedLineIsAPlainRecord() {
        let builder = RecordBuilder(container: ContainerInfo(id: "c", name: "svc", image: "mysql:8.0"))
        let record = builder.record(time: 1, stream: .stderr, text: "\u{FFFD}\u{FFFD} binary garbage \u{0}")
        #expect(record.level == .unknown)
        #expect(record.message == "\u{FFFD}\u{FFFD} binary garbage \u{0}")
    }
}

@Suite struct MultilineAssemblerTests {
    func cooked(_ text: String, _ time: Int64, starts: Bool = true) -> CookedLine {
        RecordBuilder(formats: [GenericFormat()]).line(time: time, stream: .stderr, text: text)
    }

    @Test func aRecordOverTheCapIsSplitAndMarked() {
        var options = MultilineAssembler.Options()
        options.maxLines = 3
        var assembler = MultilineAssembler(options: options)
        var out: [LogRecord] = []
        out += assembler.add(cooked("Traceback (most recent call last):", 1), tag: .init(time: 1, countAtTime: 1)).map(\.record)
        for i in 2...7 { out += assembler.add(cooked("  File \"x.py\", line \(i), in f", Int64(i)), tag: .init(time: Int64(i), countAtTime: 1)).map(\.record) }
        out += assembler.close().map(\.record)
        #expect(out.map { $0.message.split(separator: "\n").count } == [3, 3, 1])
        #expect(out[0].fields?.contains("\"record.split\":1") == true)
        #expect(out[1].fields?.contains("\"record.continued\":1") == true)
        #expect(out.allSatisfy { $0.level == .error })
    }

    @Test func linesFarApartDoNotJoinAndTagsFollowTheLastLine() {
        var assembler = MultilineAssembler()
        var out = assembler.add(cooked("ERROR: Exception in ASGI application", 0), tag: .init(time: 0, countAtTime: 1))
        out += assembler.add(cooked("Traceback (most recent call last):", 1_000), tag: .init(time: 1_000, countAtTime: 1))
        out += assembler.add(cooked("  File \"a.py\", line 1, in f", 2_000_000_000), tag: .init(time: 2_000_000_000, countAtTime: 1))
        out += assembler.close()
        #expect(out.map { $0.record.message.split(separator: "\n").count } == [2, 1])
        #expect(out.map(\.tag.time) == [1_000, 2_000_000_000])
    }

    @Test func aTracebackThatNeverEndsIsBounded() {
        var assembler = MultilineAssembler()
        var records = 0
        var maxBytes = 0
        for i in 0..<10_000 {
            let line = i == 0 ? "Traceback (most recent call last):" : "  " + String(repeating: "x", count: 500)
            for (record, _) in assembler.add(cooked(line, Int64(i)), tag: .init(time: Int64(i), countAtTime: 1)) {
                records += 1
                maxBytes = max(maxBytes, record.message.utf8.count)
            }
        }
        #expect(records >= 4)
        #expect(maxBytes <= 1024 * 1024)
    }
}

/// Vite's error is followed by its details (`  File: /app/src/App.vue:3:22`), written a moment
/// later: the record waits the idle gap for them, not the short wait of a lone line (issue 16).
@Suite struct ViteDetailsTests {
    @Test(arguments: ["1:34:03 AM [vite] Internal server error: Failed to resolve import \"./Missing.vue\" from \"src/App.vue\".",
                      "10:02:15 [vite] Pre-transform error: Unexpected token (3:22)",
                      "1:34:03 PM [vite] [plugin:vite:vue] Unexpected token"])
    func anErrorWaitsForItsFileLine(_ header: String) {
        let builder = RecordBuilder(container: ContainerInfo(id: String(repeating: "f", count: 64), name: "frontend-1",
                                                             image: "node:20-alpine", composeService: "frontend", state: "running"))
        var assembler = MultilineAssembler()
        let tag = StreamPosition(time: 0, countAtTime: 0)
        #expect(assembler.add(builder.line(time: 0, stream: .stdout, text: header), tag: tag).isEmpty)
        #expect(assembler.pendingPatience == assembler.options.idleGap)
        // The File line, later than a lone line would wait, still joins the error.
        let file = builder.line(time: 500_000_000, stream: .stdout, text: "  File: /app/src/App.vue:3:22")
        #expect(assembler.add(file, tag: tag).isEmpty)
        let records = assembler.close().map(\.record)
        #expect(records.count == 1 && records[0].message.hasSuffix("\n  File: /app/src/App.vue:3:22") && records[0].level == .error, "\(records)")
    }
}

/// A traceback waits the idle gap for its frames, and only the short wait once its exception line
/// came: it is whole then, unless a chained one follows at once.
@Suite struct TracebackPatienceTests {
    @Test func aTracebackWaitsLongForFramesAndShortAfterItsException() {
        let builder = RecordBuilder(container: ContainerInfo(id: String(repeating: "b", count: 64), name: "backend-1",
                                                             image: "python:3.12", composeService: "backend", state: "running"))
        var assembler = MultilineAssembler()
        let tag = StreamPosition(time: 0, countAtTime: 0)
        var time: Int64 = 0
        func add(_ text: String) {
            time += 1_000_000
            #expect(assembler.add(builder.line(time: time, stream: .stderr, text: text), tag: tag).isEmpty, "\(text)")
        }
        add("Traceback (most recent call last):")
        add("  File \"app.py\", line 3, in main")
        #expect(assembler.pendingPatience == assembler.options.idleGap)
        add("ZeroDivisionError: division by zero")
        #expect(assembler.pendingPatience == assembler.options.quietClose)
        // A chained traceback still joins: the same record.
        add("")
        add("During handling of the above exception, another exception occurred:")
        add("")
        add("Traceback (most recent call last):")
        #expect(assembler.pendingPatience == assembler.options.idleGap)
        add("  File \"app.py\", line 5, in main")
        add("ValueError: bad")
        let records = assembler.close().map(\.record)
        #expect(records.count == 1 && records[0].message.hasSuffix("ValueError: bad"), "\(records.map(\.message))")
    }
}
