import ACLogModel
@testable import ACLogQuery
import ACLogStore
import ACLogTestSupport
import Testing

/// A `--field` that no record of the range has is named, with the closest field there is.
@Suite struct FieldCensusTests {
    let path = temporaryDatabase()

    init() throws {
        let store = try CollectorStore(path: path)
        let row = try store.register(container("a1", name: "api", service: "api"), at: 1)
        var batch = WriteBatch()
        batch.append(row: row, stream: .stdout, records: [
            LogRecord(time: 10, stream: .stdout, level: .info, message: "ok", fields: #"{"http.status":200,"http.path":"/a","logger":"uvicorn"}"#),
            LogRecord(time: 20, stream: .stdout, level: .info, message: "plain"),
        ], position: StreamPosition(time: 20, countAtTime: 1))
        try store.commit(batch, at: 30)
    }

    func check(_ filter: String, since: Int64 = 0, until: Int64 = 100) throws {
        let db = try ReadOnlyDatabase(path: path)
        try FieldCensus(db, containers: try db.allContainers(), since: since, until: until).check([try FieldFilter(parsing: filter)])
    }

    @Test func aFieldNoRecordHasIsNamedWithTheClosestOne() throws {
        #expect(throws: Never.self) { try check("http.status>=600") }
        do {
            try check("status>=500")
            Issue.record("no error for a field no record has")
        } catch let absent as FieldCensus.Absent {
            #expect(absent.closest == "http.status" && absent.description.contains("did you mean 'http.status'"), "\(absent)")
            #expect(absent.known == ["http.path", "http.status", "logger"])
        }
        #expect(throws: FieldCensus.Absent.self) { try check("nosuchfield=1") }
        // Outside the range no record has it either.
        #expect(throws: FieldCensus.Absent.self) { try check("http.status=200", since: 15) }
        #expect(FieldCensus.closest(to: "http.stauts", in: ["http.path", "http.status"]) == "http.status")
        #expect(FieldCensus.closest(to: "zzz", in: ["http.path", "http.status"]) == nil)
    }
}
