import ACLogModel
@testable import ACLogSQLite
@testable import ACLogStore
import ACLogTestSupport
import Testing

/// `record_containers` tells every stored id's container, and which messages are not all ASCII,
/// through commits of many containers, retention and ids given again.
@Suite struct RecordContainersTests {
    let path = temporaryDatabase()

    /// Each record's container and whether its message is ASCII, by id, from the records table.
    static func truth(_ db: SQLiteConnection) throws -> [Int64: ContainerRuns.Run] {
        let s = try db.prepare("SELECT id, container, message FROM records")
        var truth: [Int64: ContainerRuns.Run] = [:]
        while try s.step() {
            truth[s.int64(0)] = .init(container: s.int64(1), checked: !s.text(2).utf8.allSatisfy { $0 < 0x80 }, count: 1)
        }
        return truth
    }

    /// The same, from record_containers; every row's runs cover exactly its ids.
    static func told(_ db: SQLiteConnection) throws -> [Int64: ContainerRuns.Run] {
        let s = try db.prepare("SELECT first_id, last_id, runs FROM record_containers ORDER BY first_id")
        var told: [Int64: ContainerRuns.Run] = [:]
        var previousLast = Int64.min
        while try s.step() {
            let (first, last) = (s.int64(0), s.int64(1))
            #expect(first > previousLast, "rows overlap at \(first)")
            previousLast = last
            let runs = try #require(s.withBlob(2) { ContainerRuns(decoding: $0) })
            var id = first
            for run in runs.runs {
                for _ in 0..<run.count {
                    told[id] = .init(container: run.container, checked: run.checked, count: 1)
                    id += 1
                }
            }
            #expect(id == last + 1, "row \(first)-\(last) has runs for \(id - first) ids")
        }
        return told
    }

    func commit(_ store: CollectorStore, _ rows: [Int64], from start: Int, count: Int, at minute: Int64) throws {
        var batch = WriteBatch()
        for i in start..<(start + count) {
            let time = minute * 60_000_000_000 + Int64(i)
            let message = i % 7 == 0 ? "Ünïcode line \(i)" : "plain line \(i)"
            batch.append(row: rows[i % rows.count], stream: .stdout, records: [LogRecord(time: time, stream: .stdout, level: .info, message: message)],
                         position: StreamPosition(time: time, countAtTime: 1))
        }
        try store.commit(batch, at: 1)
    }

    @Test func everyIdIsToldByItsContainer() throws {
        let store = try CollectorStore(path: path)
        let rows = try (0..<4).map { try store.register(container("c\($0)", name: "n\($0)", service: "s\($0)"), at: 0) }
        for k in 0..<5 { try commit(store, rows, from: k * 50, count: 50, at: Int64(k)) }
        let truth = try Self.truth(store.db)
        #expect(truth.count == 250)
        #expect(try Self.told(store.db) == truth)
        #expect(truth.values.contains { $0.checked } && truth.values.contains { !$0.checked })
        // Grouped by container in a commit: a run per container, not per record.
        #expect(try store.db.scalarInt("SELECT count(*) FROM record_containers") == 5)
    }

    @Test func retentionDropsRowsOfDeletedIdsAndIdsGivenAgainAreToldAnew() throws {
        let store = try CollectorStore(path: path)
        let rows = try (0..<3).map { try store.register(container("c\($0)", name: "n\($0)", service: "s\($0)"), at: 0) }
        for k in 0..<4 { try commit(store, rows, from: k * 30, count: 30, at: Int64(k)) }
        let pruner = RecordPruner(db: store.db)
        // The first two minutes go: so do their rows, and what is left is told as before.
        while try pruner.pruneBatch(before: 2 * 60_000_000_000, maxRecords: 20).more {}
        #expect(try store.db.scalarInt("SELECT count(*) FROM record_containers") == 2)
        var truth = try Self.truth(store.db)
        #expect(truth.count == 60)
        #expect(try Self.told(store.db).filter { truth[$0.key] != nil } == truth)
        // Everything goes; SQLite gives ids from 1 again, and the new rows tell them.
        while try pruner.pruneBatch(before: .max, maxRecords: 1_000).more {}
        #expect(try store.db.scalarInt("SELECT count(*) FROM record_containers") == 0)
        try commit(store, rows.reversed(), from: 0, count: 40, at: 9)
        truth = try Self.truth(store.db)
        #expect(truth.keys.min() == 1)
        #expect(try Self.told(store.db) == truth)
    }

    /// The newest records deleted (by hand: retention deletes the oldest), their ids are given again
    /// and the rows that told of them give way.
    @Test func idsGivenAgainAfterTheNewestWentReplaceTheirRows() throws {
        let store = try CollectorStore(path: path)
        let rows = try (0..<3).map { try store.register(container("c\($0)", name: "n\($0)", service: "s\($0)"), at: 0) }
        for k in 0..<4 { try commit(store, rows, from: k * 30, count: 30, at: Int64(k)) }
        try store.db.execute("DELETE FROM records WHERE id > 75")
        try commit(store, rows.reversed(), from: 200, count: 40, at: 5)
        let truth = try Self.truth(store.db)
        #expect(truth.keys.max() == 115)
        // The row that reached into the new ids went whole: what is told is true, and the new ids are.
        let told = try Self.told(store.db)
        #expect(told.allSatisfy { truth[$0.key] == $0.value })
        #expect((76...115).allSatisfy { told[$0] != nil })
    }
}
