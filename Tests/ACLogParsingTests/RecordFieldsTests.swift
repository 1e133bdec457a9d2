import ACLogModel
@testable import ACLogParsing
import Testing

/// Fields are not stored: they are read again from the stored message by the format that parsed
/// it. These check that what is read again is what the parser saw at ingest.
@Suite struct RecordFieldsTests {
    static let files = [
        "python_traceback.log", "loguru.log", "uvicorn.log", "gunicorn.log", "mysql8.log", "mysql57.log", "redis.log",
        "nginx_access.log", "nginx_error.log", "vite.log", "prefixed.log", "generated/agentchat_backend_uvicorn.log",
        "generated/agentchat_backend_gunicorn_w4.log",
    ]

    /// Each container kind's chain of formats, and one that names nothing (every format in turn).
    static let images = ["python", "mysql", "redis", "nginx", "node", "minio", "busybox"]

    @Test(arguments: files)
    func everyLineReadsBackTheFieldsItWasParsedWith(file: String) throws {
        var withFields = 0
        for image in Self.images {
            let builder = RecordBuilder(container: ContainerInfo(id: "c", name: "c", image: image))
            for line in try Corpus.lines(file) {
                let cooked = builder.line(time: 0, stream: .stdout, text: line)
                let again = RecordFields.fields(format: cooked.format, message: cooked.message, stored: nil)
                #expect(again == cooked.parsed.fields, "\(file) as \(image): \(line)")
                if !again.isEmpty { withFields += 1 }
            }
        }
        #expect(withFields > 0, "\(file): no line had fields, so nothing was compared")
    }

    @Test func aMultiLineRecordKeepsItsHeadersFieldsAndItsMarks() throws {
        let records = try Corpus.records("generated/agentchat_backend_uvicorn.log", image: "python")
        let traceback = try #require(records.first { $0.message.hasPrefix("2026") && $0.message.contains("\n") })
        // Only the marks are stored; the logger comes from the header line, read again.
        #expect(traceback.fields == "{\"record.lines\":\(traceback.message.split(separator: "\n", omittingEmptySubsequences: false).count)}")
        let all = Corpus.fields(traceback)
        #expect(all["logger"] as? String == "agentchat.middleware.trace_id_middleware")
        #expect(all["record.lines"] as? Int == traceback.message.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    @Test func aRecordWithoutAFormatKeepsItsStoredFields() {
        let stored = #"{"http.status":503,"logger":"x"}"#
        #expect(RecordFields.json(format: nil, message: "10.0.0.1 - - [x] \"GET / HTTP/1.1\" 200 1", stored: stored) == stored)
    }

    @Test func aStoredMarkWinsOverTheSameKeyReadFromTheLine() {
        let json = FormatCatalog.number(of: "json")
        let fields = RecordFields.fields(format: json, message: #"{"msg":"m","record.lines":7,"pid":3}"#, stored: #"{"record.lines":2}"#)
        #expect(fields["record.lines"] == .int(2))
        #expect(fields["pid"] == .int(3))
    }

    @Test func catalogueNumbersNameTheirFormats() {
        // Numbers are stored with records: each built-in format has one, and none is shared.
        let names = FormatChooser.formatNames
        #expect(Set(names.map(FormatCatalog.number(of:))).count == names.count)
        for name in names { #expect(FormatCatalog.format(numbered: FormatCatalog.number(of: name))?.name == name) }
        #expect(FormatCatalog.number(of: "generic") == 0)
    }
}
