import ACLogModel
@testable import ACLogQuery
@testable import ACLogSQLite
@testable import ACLogStore
import ACLogTestSupport
import Testing

/// `aclog grep -c` through the index and record_containers counts per service what reading every
/// record counts: for fragments the index folds from letters the pattern compares as they are, for
/// windows that cut spans, for some containers, and for records stored before migration 16.
@Suite struct IndexCountTests {
    static let words = ["Ünïcode", "unicode", "UNICODE", "café", "cafe", "Connection", "refused", "ECONNREFUSED",
                        "timeout", "x_request_id", "GET", "/api/v1/agent", "503", "Traceback", "knowledge", "KnowledgeBase"]

    struct Row { var time: Int64; var container: Int; var message: String }

    let path = temporaryDatabase()
    let rows: [Row]

    /// 2,400 records of 4 containers in 24 commits, containers interleaved, spans of 100 records;
    /// the first commit's containers are forgotten, as if stored before migration 16.
    init() throws {
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        rows = (0..<2_400).map { i in
            let message = (0..<(2 + next() % 5)).map { _ in Self.words[next() % Self.words.count] }.joined(separator: next() % 3 == 0 ? "-" : " ")
            return Row(time: Int64(i) * 1_000_000_000, container: next() % 4, message: message)
        }
        let store = try CollectorStore(path: path, spanRecords: 100)
        let ids = try (0..<4).map { try store.register(container("c\($0)", name: "n\($0)", service: "svc\($0 % 3)"), at: 0) }
        for commit in 0..<24 {
            var batch = WriteBatch()
            for row in rows[(commit * 100)..<((commit + 1) * 100)] {
                batch.append(row: ids[row.container], stream: .stdout,
                             records: [LogRecord(time: row.time, stream: .stdout, level: .info, message: row.message)],
                             position: StreamPosition(time: row.time, countAtTime: 1))
            }
            try store.commit(batch, at: 1)
        }
        try store.db.execute("DELETE FROM record_containers WHERE first_id <= 100")
    }

    /// Per service, the records `holds` says match, of the containers `only` (nil: all) in the window.
    func expected(_ holds: (String) -> Bool, since: Int64 = .min, until: Int64 = .max, only: Set<Int>? = nil) -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in rows where row.time >= since && row.time < until && (only?.contains(row.container) ?? true) && holds(row.message) {
            counts["svc\(row.container % 3)", default: 0] += 1
        }
        return counts
    }

    func counted(_ pattern: SearchPattern, since: Int64 = .min, until: Int64 = .max, only: Set<Int>? = nil,
                 minLevel: Level = .unknown) throws -> (index: [String: Int]?, any: [String: Int]) {
        let reader = try ReadOnlyDatabase(path: path)
        let all = try reader.allContainers()
        let containers = only.map { $0.sorted().map { all[$0] } } ?? all
        return (try reader.countThroughIndex(pattern, containers: containers, since: since, until: until, minLevel: minLevel),
                try reader.countMatches(pattern, containers: containers, since: since, until: until, minLevel: minLevel))
    }

    /// A fragment counted without case as grep -F -i counts it: "unic" is not in "Ünïcode", though
    /// the index holds "unicode" for it.
    @Test(arguments: ["unic", "UNICODE", "afe", "nnref", "knowledge", "request", "v1", "zzzz"])
    func aFragmentIsCountedAsGrepFICountsIt(_ text: String) throws {
        let pattern = try SearchPattern(text, mode: .text)
        let truth = expected { $0.lowercased().contains(text.lowercased()) }
        let (index, any) = try counted(pattern)
        #expect(index == truth, "\(text)")
        #expect(any == truth, "\(text)")
    }

    @Test func wholeWordsFixedAndAlternatives() throws {
        let word = try SearchPattern("refused", mode: .text, wholeWords: true)
        let (index, _) = try counted(word)
        #expect(index == expected { SearchTests.words($0).contains("refused") })
        let fixed = try SearchPattern("TIMEOUT", mode: .fixed, ignoreCase: true)
        #expect(try counted(fixed).index == expected { $0.lowercased().contains("timeout") })
        let either = try SearchPattern("(?i)cafe|traceback", mode: .regex)
        #expect(try counted(either).index == expected { $0.lowercased().contains("cafe") || $0.lowercased().contains("traceback") })
    }

    /// A window that cuts spans, and some containers: the spans it cuts are read.
    @Test func aWindowAndSomeContainers() throws {
        let pattern = try SearchPattern("connection", mode: .text)
        let holds = { (m: String) in m.lowercased().contains("connection") }
        let (since, until) = (Int64(333) * 1_000_000_000, Int64(1_777) * 1_000_000_000)
        #expect(try counted(pattern, since: since, until: until).index == expected(holds, since: since, until: until))
        #expect(try counted(pattern, only: [1, 3]).index == expected(holds, only: [1, 3]))
        #expect(try counted(pattern, since: since, only: [2]).index == expected(holds, since: since, only: [2]))
    }

    /// What the index cannot answer is counted as before: a case kept, a level asked for.
    @Test func otherCountsAreRead() throws {
        let cased = try SearchPattern("Unicode", mode: .fixed)
        #expect(try counted(cased).index == nil)
        #expect(try counted(cased).any == expected { $0.contains("Unicode") })
        let word = try SearchPattern("unicode", mode: .text)
        #expect(try counted(word, minLevel: .warn).index == nil)
        #expect(try counted(word, minLevel: .warn).any.isEmpty)
    }
}

extension IndexCountTests {
    /// grep_fts_ids answers `aclog sql --query` too: without a tally, aclog_tally counts the ids.
    @Test func theIdsQueryCountsOnItsOwn() throws {
        let reader = try ReadOnlyDatabase(path: path)
        let s = try reader.db.prepare(NamedQuery.sql("grep_fts_ids"))
        try s.bind("\"refused\"", named: ":match")
        try s.bind(Int64(1), named: ":first")
        try s.bind(Int64(1_200), named: ":last")
        #expect(try s.step())
        #expect(s.int64(0) == Int64(rows.prefix(1_200).filter { SearchTests.words($0.message).contains("refused") }.count))
    }
}

extension IndexCountTests {
    /// Where the index's lists are not laid out as read, SQLite walks the index: the same counts.
    @Test func sqliteWalkingTheIndexCountsTheSame() throws {
        let reader = try ReadOnlyDatabase(path: path)
        let all = try reader.allContainers()
        for text in ["unic", "knowledge", "refused"] {
            let pattern = try SearchPattern(text, mode: .text)
            let query = try #require(try reader.exactIndexQuery(pattern, window: { 2_400 }))
            let listed = try #require(try IndexDoclists.records(holdingAnyOf: query.words, from: 101, through: 2_400, in: reader.db))
            let viaLists = try ReadOnlyDatabase.countThroughIndex(reader.db, query, listed: listed, pattern: pattern,
                                                                 first: 101, last: 2_400, wanted: nil)
            let viaSQLite = try ReadOnlyDatabase.countThroughIndex(reader.db, query, listed: nil, pattern: pattern,
                                                                  first: 101, last: 2_400, wanted: nil)
            var expected: [Int64: Int] = [:]
            for row in rows[100...] where row.message.lowercased().contains(text) { expected[all[row.container], default: 0] += 1 }
            #expect(viaLists == expected, "\(text)")
            #expect(viaSQLite == expected, "\(text)")
        }
    }
}
