@testable import ACLogSQLite
import ACLogTestSupport
import Testing

/// The words read from the index's leaf pages are the words FTS5 itself lists (`fts5vocab`),
/// however the index lies: many segments, small pages, lists of records that span pages, words
/// folded from capitals and accents, a word cut at FTS5's longest token.
@Suite struct IndexTermsTests {
    static func index(pageSize: Int = 64) throws -> SQLiteConnection {
        let db = try SQLiteConnection(path: temporaryDatabase(), mode: .readWriteCreate)
        try db.execute("CREATE VIRTUAL TABLE records_fts USING fts5(message, tokenize = 'aclog_words', detail = none, columnsize = 0)")
        // Small pages: most words' lists of records reach over several pages (and pages with no word).
        try db.execute("INSERT INTO records_fts (records_fts, rank) VALUES ('pgsz', \(pageSize))")
        return db
    }

    /// Random messages, committed in `batches` transactions: each is a segment until FTS5 merges.
    static func fill(_ db: SQLiteConnection, messages: Int, batches: Int, seed: UInt64) throws {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        let common = ["GET", "error", "Connection", "refused", "café", "Ünïcode", "x_request_id", "2026", "42", "503"]
        let hex = Array("0123456789abcdef")
        let insert = try db.prepare("INSERT INTO records_fts (message) VALUES (:m)")
        for batch in 0..<batches {
            try db.execute("BEGIN")
            for _ in 0..<(messages / batches) {
                var words = (0..<(2 + next(6))).map { _ in common[next(common.count)] }
                words.append(String((0..<(4 + next(9))).map { _ in hex[next(16)] }))   // an id: a word found once
                if next(4) == 0 { words.append("batch\(batch)") }
                insert.reset()
                try insert.bind(words.joined(separator: next(2) == 0 ? " " : "-"), named: ":m")
                _ = try insert.step()
            }
            try db.execute("COMMIT")
        }
    }

    static func vocabulary(_ db: SQLiteConnection) throws -> Set<String> {
        try db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary USING fts5vocab(main, records_fts, row)")
        let s = try db.prepare("SELECT term FROM temp.vocabulary")
        var terms = Set<String>()
        while try s.step() { terms.insert(s.text(0)) }
        return terms
    }

    static func all(_ db: SQLiteConnection) throws -> IndexTerms.Candidates {
        try #require(try IndexTerms.containing(anyOf: [[]], in: db, limit: .max))
    }

    @Test(arguments: [(64, 40), (4_050, 3), (200, 300)])
    func everyWordFTS5Lists(_ pageSize: Int, _ batches: Int) throws {
        let db = try Self.index(pageSize: pageSize)
        try Self.fill(db, messages: 6_000, batches: batches, seed: UInt64(pageSize))
        let segments = try db.scalarInt("SELECT count(DISTINCT id >> 37) FROM records_fts_data WHERE id >= 1 << 37") ?? 0
        #expect(segments > (batches > 3 ? 1 : 0), "segments: \(segments)")
        let expected = try Self.vocabulary(db)
        let read = try Self.all(db)
        #expect(expected.count > 4_000)
        #expect(Set(read.words) == expected)
        #expect(read.words.count == expected.count, "each word once")
        #expect(read.prefixes.isEmpty)
        #expect(expected.contains("cafe") && expected.contains("unicode") && !expected.contains("42"))
        #expect(try IndexTerms.indexedRecords(in: db) == 6_000)
        // A merge stopped half way rewrites the first leaf left of each segment it takes from.
        try db.execute("INSERT INTO records_fts (records_fts, rank) VALUES ('merge', 3)")
        #expect(Set(try Self.all(db).words) == expected)
        // Merged into one segment, the same words.
        try db.execute("INSERT INTO records_fts (records_fts) VALUES ('optimize')")
        #expect(Set(try Self.all(db).words) == expected)
    }

    @Test func theWordsThatHoldAFragment() throws {
        let db = try Self.index()
        try Self.fill(db, messages: 3_000, batches: 10, seed: 7)
        let vocabulary = try Self.vocabulary(db)
        for fragment in ["rror", "e", "onnect", "ab", "0f", "batch1", "zzz"] {
            let expected = vocabulary.filter { $0.contains(fragment) }.sorted()
            #expect(try IndexTerms.containing(anyOf: [Array(fragment.utf8)], in: db, limit: .max)?.words == expected, "\(fragment)")
        }
        // Several fragments: the words that hold any of them, read at once.
        let either = vocabulary.filter { $0.contains("rror") || $0.contains("onnect") }.sorted()
        #expect(either.count >= 2)
        #expect(try IndexTerms.containing(anyOf: [Array("rror".utf8), Array("onnect".utf8)], in: db, limit: .max)?.words == either)
        // Of different lengths: a word found by the shorter one is not looked at again for the longer.
        let mixed = vocabulary.filter { $0.contains("batch1") || $0.contains("0f") || $0.contains("a") }.sorted()
        #expect(try IndexTerms.containing(anyOf: [Array("batch1".utf8), Array("0f".utf8), Array("a".utf8)], in: db, limit: .max)?.words == mixed)
        // More words than the limit: not a narrowing worth a query.
        let holdingE = vocabulary.filter { $0.contains("e") }.count
        #expect(holdingE > 10)
        #expect(try IndexTerms.containing(anyOf: [Array("e".utf8)], in: db, limit: holdingE - 1) == nil)
        #expect(try IndexTerms.containing(anyOf: [Array("e".utf8)], in: db, limit: holdingE)?.words.count == holdingE)
    }

    /// Deleted records' words may stay listed until FTS5 merges them away: never fewer words than
    /// FTS5 lists, so no record that holds a fragment is missed.
    @Test func deletedRecordsLeaveNoWordOut() throws {
        let db = try Self.index()
        try Self.fill(db, messages: 3_000, batches: 10, seed: 9)
        try db.execute("DELETE FROM records_fts WHERE rowid % 3 = 0")
        #expect(Set(try Self.all(db).words).isSuperset(of: try Self.vocabulary(db)))
    }

    /// A token longer than FTS5 keeps is cut: its first bytes are given as a prefix (whole
    /// characters only), since the fragment may lie in the part cut off.
    @Test func aWordCutShortIsAPrefix() throws {
        let db = try Self.index(pageSize: 4_050)
        // 32,767 bytes, then a character of two (folded, still two): the cut falls inside it.
        let kept = String(repeating: "ab", count: IndexTerms.longestToken / 2 - 1) + "a"
        let long = kept + "ж" + String(repeating: "c", count: 9_000)
        try db.execute("INSERT INTO records_fts (message) VALUES ('short words \(long)')")
        let read = try #require(try IndexTerms.containing(anyOf: [Array("zzz".utf8)], in: db, limit: .max))
        #expect(read.words.isEmpty)
        #expect(read.prefixes == [kept])
        #expect(try db.scalarInt("SELECT count(*) FROM records_fts WHERE records_fts MATCH '\"\(read.prefixes[0])\"*'") == 1)
    }

    @Test func anotherLayoutIsNotRead() throws {
        let db = try Self.index()
        try Self.fill(db, messages: 100, batches: 1, seed: 3)
        #expect(try IndexTerms.containing(anyOf: [Array("e".utf8)], in: db, limit: .max) != nil)
        try db.execute("UPDATE records_fts_config SET v = 5 WHERE k = 'version'")
        #expect(try IndexTerms.containing(anyOf: [Array("e".utf8)], in: db, limit: .max) == nil)
        // A page whose footer lies outside it, or whose word runs past the footer.
        for page: [UInt8] in [[0, 0, 0x10, 0], [0, 0, 0, 6, 0x30, 0x31, 4], [0, 0, 0, 5, 9, 4]] {
            #expect(!page.withUnsafeBytes { FragmentWords([]).scan($0) { _ in } }, "\(page)")
        }
    }
}

/// The leaves are read in two halves on two connections, each with the index's structure record:
/// the halves together are the whole, and a write between them shows in the record.
@Suite struct LeafHalvesTests {
    @Test func theHalvesReadEveryLeafOnce() throws {
        let db = try IndexTermsTests.index()
        try IndexTermsTests.fill(db, messages: 6_000, batches: 40, seed: 5)
        let split = try #require(try LeafHalves.secondHalf(db))
        let whole = try LeafHalves.read(db, (0, .max), [[]], .max)
        let first = try LeafHalves.read(db, (0, split), [[]], .max)
        let second = try LeafHalves.read(db, (split, .max), [[]], .max)
        let all = try #require(whole.words)
        let (a, b) = (try #require(first.words), try #require(second.words))
        #expect(!a.isEmpty && !b.isEmpty)
        #expect(a.union(b) == all)
        #expect(first.structure == whole.structure && second.structure == whole.structure)
        #expect(try LeafHalves.words(containing: [[]], in: db, limit: .max) == all)
        #expect(try LeafHalves.words(containing: [[]], in: db, limit: all.count - 1) == nil)
    }

    /// Inside a transaction, the caller's snapshot is the one read, whole.
    @Test func insideATransactionTheCallersConnectionReadsAlone() throws {
        let db = try IndexTermsTests.index()
        try IndexTermsTests.fill(db, messages: 6_000, batches: 40, seed: 5)
        let outside = try LeafHalves.words(containing: [Array("ab".utf8)], in: db, limit: .max)
        try db.execute("BEGIN")
        #expect(try LeafHalves.words(containing: [Array("ab".utf8)], in: db, limit: .max) == outside)
        #expect(db.inTransaction)
        try db.execute("COMMIT")
    }

    @Test func aSmallIndexIsReadWhole() throws {
        let db = try IndexTermsTests.index(pageSize: 4_050)
        try IndexTermsTests.fill(db, messages: 300, batches: 2, seed: 6)
        #expect(try LeafHalves.secondHalf(db) == nil)
        #expect(try LeafHalves.words(containing: [Array("error".utf8)], in: db, limit: .max) == [Array("error".utf8)])
    }

    /// Were the record the same before and after a write, the halves could come from two indexes.
    @Test func everyWriteChangesTheStructureRecord() throws {
        let db = try IndexTermsTests.index()
        try IndexTermsTests.fill(db, messages: 600, batches: 4, seed: 8)
        var seen = [try LeafHalves.read(db, (0, .max), [], .max).structure]
        for write in ["INSERT INTO records_fts (message) VALUES ('one more')",
                      "DELETE FROM records_fts WHERE rowid = 7",
                      "INSERT INTO records_fts (records_fts, rank) VALUES ('merge', 4)",
                      "INSERT INTO records_fts (records_fts) VALUES ('optimize')"] {
            try db.execute(write)
            let structure = try LeafHalves.read(db, (0, .max), [], .max).structure
            #expect(!seen.contains(structure), "\(write)")
            seen.append(structure)
        }
    }
}
