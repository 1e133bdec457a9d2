@testable import ACLogSQLite
import ACLogTestSupport
import Testing

/// The records the index's lists hold for a word are the records FTS5 itself finds for it, however
/// the index lies: lists over many small leaves, many segments, deleted records, records written
/// again, merges stopped half way and finished.
@Suite struct IndexDoclistsTests {
    /// Words of every frequency: on most records, on some, on a few.
    static let common = ["alpha", "beta", "gamma", "delta", "info", "information", "error"]

    static func fill(_ db: SQLiteConnection, from first: Int, count: Int, seed: UInt64) throws {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        let insert = try db.prepare("INSERT INTO records_fts (rowid, message) VALUES (?1, ?2)")
        try db.execute("BEGIN")
        for id in first..<(first + count) {
            var words = ["alpha"]
            for word in common where next(3) == 0 { words.append(word) }
            if next(50) == 0 { words.append("rare\(next(40))") }
            insert.reset()
            insert.bind(Int64(id), at: 1)
            insert.bind(words.joined(separator: " "), at: 2)
            try insert.step()
        }
        try db.execute("COMMIT")
    }

    /// What FTS5 finds for any of `words`.
    static func fts5(_ db: SQLiteConnection, _ words: [String], from low: Int64 = 1, through high: Int64 = .max) throws -> Set<Int64> {
        let s = try db.prepare("SELECT rowid FROM records_fts WHERE records_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3")
        s.bind(words.map { "\"\($0)\"" }.joined(separator: " OR "), at: 1)
        s.bind(low, at: 2)
        s.bind(high, at: 3)
        var found = Set<Int64>()
        while try s.step() { found.insert(s.int64(0)) }
        return found
    }

    static func listed(_ db: SQLiteConnection, _ words: [String], from low: Int64 = 1, through high: Int64 = 10_000) throws -> Set<Int64> {
        let bitmap = try #require(try IndexDoclists.records(holdingAnyOf: words.map { Array($0.utf8) }, from: low, through: high, in: db))
        return Set(bitmap.ids(from: low, through: high))
    }

    func check(_ db: SQLiteConnection, _ stage: String) throws {
        for word in Self.common + ["rare3", "rare17", "nosuchword"] {
            let expected = try Self.fts5(db, [word])
            #expect(try Self.listed(db, [word]) == expected, "\(stage): \(word)")
        }
        #expect(try Self.listed(db, ["info", "information", "rare5"]) == (try Self.fts5(db, ["info", "information", "rare5"])), "\(stage)")
        #expect(try Self.listed(db, ["beta"], from: 333, through: 1_777) == (try Self.fts5(db, ["beta"], from: 333, through: 1_777)), "\(stage)")
    }

    @Test(arguments: [64, 4_050])
    func theListsHoldWhatFTS5Finds(_ pageSize: Int) throws {
        let db = try IndexTermsTests.index(pageSize: pageSize)
        for batch in 0..<12 { try Self.fill(db, from: batch * 250 + 1, count: 250, seed: UInt64(batch)) }
        try check(db, "12 segments")
        #expect(try !Self.fts5(db, ["alpha"]).isEmpty)
        // Deleted records, and records written again in the transaction that deleted them.
        try db.execute("DELETE FROM records_fts WHERE rowid % 7 = 0 OR rowid BETWEEN 1000 AND 1400")
        try db.execute("BEGIN")
        try db.execute("UPDATE records_fts SET message = 'info alpha again' WHERE rowid % 11 = 0")
        try db.execute("COMMIT")
        try check(db, "deletes")
        // Ids given again after the newest were deleted.
        try db.execute("DELETE FROM records_fts WHERE rowid > 2900")
        try Self.fill(db, from: 2_901, count: 100, seed: 99)
        try check(db, "ids again")
        // A merge stopped half way leaves segments whose first leaves are gone; then all of it.
        try db.execute("INSERT INTO records_fts (records_fts, rank) VALUES ('merge', 3)")
        try check(db, "part merged")
        try db.execute("INSERT INTO records_fts (records_fts, rank) VALUES ('merge', 500)")
        try check(db, "merged")
        try db.execute("INSERT INTO records_fts (records_fts) VALUES ('optimize')")
        try check(db, "optimized")
    }

    @Test func aStructureRecordOfAnotherLayoutIsNotRead() {
        // The second version (marked 0xFF 0 0 1 after the cookie), and a record cut short.
        for record: [UInt8] in [[0, 0, 0, 1, 0xFF, 0, 0, 1, 1, 1, 0], [0, 0, 0, 1, 1, 1, 3, 0, 1, 5]] {
            #expect(record.withUnsafeBytes { IndexStructure($0) } == nil, "\(record)")
        }
        let one: [UInt8] = [0, 0, 0, 1, 1, 1, 3, 0, 1, 5, 1, 9]
        #expect(one.withUnsafeBytes { IndexStructure($0) }?.segments == [.init(id: 5, firstPage: 1, lastPage: 9)])
    }
}
