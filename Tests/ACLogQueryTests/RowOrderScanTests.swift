import ACLogModel
@testable import ACLogQuery
@testable import ACLogSQLite
@testable import ACLogStore
import ACLogTestSupport
import Testing

/// A search that reads the table in row order hands its matches over in time order however the
/// rows were stored: late lines, a backfill of old lines, records of several containers in one
/// batch, the ids of deleted newest records given again.
@Suite struct RowOrderScanTests {
    static let words = ["alpha", "beta", "gamma", "ALPHA", "alphabet", "delta", "Traceback", "error:"]

    /// 3 containers, 60 batches of 40 records each; times jump about, one batch in 7 is a backfill
    /// of a day earlier, and spans take 100 records, so there are many and they overlap.
    static func fill(_ store: CollectorStore, ids: [Int64]) throws {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        let day: Int64 = 86_400_000_000_000
        for b in 0..<60 {
            var batch = WriteBatch()
            let base = Int64(b) * 10_000_000_000 + (b % 7 == 3 ? -day : 0) + 2 * day
            for i in 0..<40 {
                // Equal times too: the id must order them.
                let time = base + Int64(next(12_000)) * 1_000_000
                let message = (0..<3).map { _ in words[next(words.count)] }.joined(separator: " ") + " \(b).\(i)"
                let row = ids[next(ids.count)]
                batch.append(row: row, stream: .stdout,
                             records: [LogRecord(time: time, stream: .stdout, level: Level(rawValue: next(7))!, message: message)],
                             position: StreamPosition(time: time, countAtTime: 1))
            }
            try store.commit(batch, at: 1)
        }
    }

    let path = temporaryDatabase()

    init() throws {
        let store = try CollectorStore(path: path, spanRecords: 100)
        let ids = try (0..<3).map { try store.register(container("c\($0)", name: "n\($0)", service: "svc\($0)"), at: 0) }
        try Self.fill(store, ids: ids)
    }

    /// Every record's id lies in one span, and its time between the span's bounds.
    static func spansHold(_ db: SQLiteConnection) throws -> Bool {
        try db.scalarInt("""
            SELECT count(*) FROM records AS r
            WHERE (SELECT count(*) FROM record_spans AS s
                   WHERE r.id BETWEEN s.first_id AND s.last_id AND r.ts BETWEEN s.min_ts AND s.max_ts) != 1
            """) == 0
    }

    @Test func theWriterKeepsEveryRecordInsideItsSpan() throws {
        let db = try SQLiteConnection(path: path, mode: .readOnly)
        #expect(try Self.spansHold(db))
        // A batch of 40 joins a span while it holds fewer than 100: 3 batches a span.
        #expect(try db.scalarInt("SELECT count(*) FROM record_spans") == 20)
    }

    @Test(arguments: ["alpha", "Traceback", "error", "gamma delta"])
    func rowOrderFindsWhatTheMergeFindsInTheSameOrder(_ word: String) throws {
        let reader = try ReadOnlyDatabase(path: path)
        let all = try reader.allContainers()
        let pattern = try SearchPattern(word, mode: .text)
        for (since, until) in [(Int64.min, Int64.max), (Int64(86_400_000_000_000), Int64(2 * 86_400_000_000_000 + 300_000_000_000))] {
            let merged = try reader.search(pattern, containers: all, since: since, until: until, minLevel: .unknown, plan: .scan)
            let rows = try reader.search(pattern, containers: all, since: since, until: until, minLevel: .unknown, plan: .rows)
            #expect(!merged.isEmpty)
            #expect(rows.map(\.id) == merged.map(\.id), "\(word): rows \(rows.count), merged \(merged.count)")
            #expect(rows == merged)
            // In time order, the id breaking ties.
            #expect(zip(rows, rows.dropFirst()).allSatisfy { ($0.time, $0.id) < ($1.time, $1.id) })
            // One container of three, and a level.
            let one = try reader.search(pattern, containers: [all[1]], since: since, until: until, minLevel: .warn, plan: .rows)
            #expect(one == merged.filter { $0.containerRow == all[1] && $0.level >= .warn })
        }
    }

    /// What `aclog grep` prints when the lines are rendered where they are read: the same lines,
    /// in the same order, with the coverage gaps in the same places, as record by record.
    @Test(arguments: ["alpha", "delta", "zzznothing 0"])
    func renderedWhereReadPrintsWhatGrepPrints(_ word: String) throws {
        let store = try CollectorStore(path: path, spanRecords: 100)
        let day: Int64 = 86_400_000_000_000
        try store.db.execute("""
            INSERT INTO gaps (container, start_ts, end_ts, reason) VALUES
              (1, \(2 * day + 100_000_000_000), \(2 * day + 160_000_000_000), 'docker logs failed'),
              (2, \(day + 30_000_000_000), \(day + 31_000_000_000), 'docker logs failed')
            """)
        let reader = try ReadOnlyDatabase(path: path)
        let question = GrepQuestion(try SearchPattern(word, mode: .text), in: RecordScope(window: TimeWindow(since: day / 2, until: 3 * day)))
        let now = 3 * day
        var expected: [String] = []
        let matched = try reader.grep(question, now: now) { entry in
            switch entry {
            case .record(let r, _): expected.append("\(r.time) \(r.id) \(r.service) \(r.message)")
            case .gap(let g): expected.append("gap \(g.start) \(g.end)")
            default: Issue.record("\(entry)")
            }
        }
        var printed: [UInt8] = []
        let rendered = try reader.grepLines(question, now: now, render: .records { "\($0.time) \($0.id) \($0.service) \($0.message)" },
                                            gap: { "gap \($0.start) \($0.end)" }, write: { printed.append(contentsOf: $0) })
        // Common words, and words the index cannot narrow (a fragment and a short number), are found
        // by a scan: the rendering path is taken.
        #expect(rendered != nil && rendered == matched)
        #expect(String(decoding: printed, as: UTF8.self).split(separator: "\n").map(String.init) == expected)
        #expect(word == "zzznothing 0" ? expected.isEmpty : expected.contains { $0.hasPrefix("gap ") })
        // Context or a limit is grep's own.
        #expect(try reader.grepLines(GrepQuestion(question.pattern, in: question.scope, maxMatches: 3), render: .records { _ in "" },
                                     gap: { _ in "" }, write: { _ in }) == nil)
    }

    /// `-o raw` copies each match's line as printed straight from its row: the same lines, in the
    /// same order, as rendering each record (`raw`, or the message where cleaning changed nothing).
    @Test(arguments: ["alpha", "gamma delta", "coloured 1", "zzznothing 0"])
    func printedLinesAreTheLinesAsPrinted(_ word: String) throws {
        let store = try CollectorStore(path: path, spanRecords: 100)
        let day: Int64 = 86_400_000_000_000
        var batch = WriteBatch()
        for i in 0..<30 {
            let time = 2 * day + Int64(i) * 17_000_000_000
            let record = LogRecord(time: time, stream: .stdout, level: .info, message: "alpha coloured \(i)",
                                   raw: "\u{1B}[1;32malpha\u{1B}[0m coloured \(i)")
            batch.append(row: 1 + Int64(i % 3), stream: .stdout, records: [record], position: StreamPosition(time: time, countAtTime: 1))
        }
        try store.commit(batch, at: 2)
        let reader = try ReadOnlyDatabase(path: path)
        let question = GrepQuestion(try SearchPattern(word, mode: .text), in: RecordScope(window: TimeWindow(since: 0, until: 3 * day)))
        var expected = ""
        let matched = try reader.grep(question, now: 3 * day) { entry in
            if case .record(let r, _) = entry { expected += (r.raw ?? r.message) + "\n" }
        }
        var printed: [UInt8] = []
        let rendered = try reader.grepLines(question, now: 3 * day, render: .printed, gap: { _ in nil },
                                            write: { printed.append(contentsOf: $0) })
        #expect(rendered != nil && rendered == matched)
        #expect(String(decoding: printed, as: UTF8.self) == expected)
        // Both kinds of row are among the matches: with the line as printed, and without.
        #expect(word != "alpha" || (expected.contains("\u{1B}[1;32malpha") && expected.contains("\nalpha ")))
    }

    /// `-o raw` over the stored batches: spans wholly inside the window are read without the terms
    /// on time, container and level (grep_printed_span.sql), the others with them; either way the
    /// lines are those of record by record. Windows that cut spans, one service of three, a level.
    @Test(arguments: [("alpha", SearchPattern.Mode.text), ("ALPHA", .fixed), ("delta|Traceback", .regex)])
    func printedLinesAreRightWhateverTheScope(_ word: String, _ mode: SearchPattern.Mode) throws {
        let reader = try ReadOnlyDatabase(path: path)
        let day: Int64 = 86_400_000_000_000
        let scopes = [RecordScope(window: TimeWindow(since: 0, until: 4 * day)),
                      RecordScope(window: TimeWindow(since: 2 * day + 170_000_000_000, until: 2 * day + 420_000_000_000)),
                      RecordScope(window: TimeWindow(since: day, until: 2 * day + 300_000_000_000)),
                      RecordScope(services: ["svc1"], window: TimeWindow(since: 0, until: 4 * day)),
                      RecordScope(window: TimeWindow(since: 0, until: 4 * day), minLevel: .warn)]
        for scope in scopes {
            let question = GrepQuestion(try SearchPattern(word, mode: mode), in: scope)
            var expected = ""
            _ = try reader.grep(question, now: 4 * day) { entry in
                if case .record(let r, _) = entry { expected += (r.raw ?? r.message) + "\n" }
            }
            var printed: [UInt8] = []
            let rendered = try reader.grepLines(question, now: 4 * day, render: .printed, gap: { _ in nil },
                                                write: { printed.append(contentsOf: $0) })
            // nil: the index was read, not the rows; this test is about the rows.
            #expect(rendered == !expected.isEmpty, "\(scope)")
            #expect(String(decoding: printed, as: UTF8.self) == expected, "\(scope)")
            #expect(scope.window.from != 0 || scope.minLevel != .unknown || !scope.services.isEmpty || expected.split(separator: "\n").count > 100)
        }
    }

    /// Lines made from the rows by a `MatchLineMaker` read the right columns: each is the line
    /// the same text makes from the record.
    @Test(arguments: ["alpha", "error:", "zzznothing 0"])
    func linesMadeFromRowsAreMadeFromTheRightColumns(_ word: String) throws {
        struct Plain: MatchLineMaker {
            mutating func append(_ row: MatchedRow, to line: inout [UInt8]) {
                line += Array("\(row.time) \(row.level) \(row.service) \(row.container) ".utf8)
                line += row.message
            }
        }
        let reader = try ReadOnlyDatabase(path: path)
        let question = GrepQuestion(try SearchPattern(word, mode: .text), in: RecordScope(window: TimeWindow(since: 0)))
        var expected = ""
        let matched = try reader.grep(question) { entry in
            if case .record(let r, _) = entry { expected += "\(r.time) \(r.level) \(r.service) \(r.containerRow!) \(r.message)\n" }
        }
        var printed: [UInt8] = []
        let rendered = try reader.grepLines(question, render: .rows(Plain()), gap: { _ in nil }, write: { printed.append(contentsOf: $0) })
        #expect(rendered != nil && rendered == matched)
        #expect(String(decoding: printed, as: UTF8.self) == expected)
        #expect(word == "zzznothing 0" || expected.contains("svc2"))
    }

    /// A search that stops early (`-m`, or a caller that throws) stops the reading threads, with
    /// spans read ahead and never taken, and the process goes on.
    @Test func stoppingEarlyLeavesNothingBehind() throws {
        let reader = try ReadOnlyDatabase(path: path)
        let all = try reader.allContainers()
        let pattern = try SearchPattern("alpha", mode: .text)
        let every = try reader.search(pattern, containers: all, since: .min, until: .max, minLevel: .unknown, plan: .rows)
        for limit in [1, 3, 150] {
            var first: [StoredRecord] = []
            struct Enough: Error {}
            #expect(throws: Enough.self) {
                try reader.forEachMatch(pattern, containers: all, since: .min, until: .max, minLevel: .unknown, plan: .rows) {
                    first.append($0)
                    if first.count == limit { throw Enough() }
                }
            }
            #expect(first == Array(every.prefix(limit)))
        }
        var shown = 0
        try reader.grep(GrepQuestion(pattern, in: RecordScope(window: TimeWindow(since: 0, until: .max)), maxMatches: 2)) { entry in
            if case .record = entry { shown += 1 }
        }
        #expect(shown == 2)
    }

    @Test func spansTooFarOutOfOrderAreReadContainerByContainer() throws {
        let reader = try ReadOnlyDatabase(path: path)
        let spans = try reader.recordSpans(since: .min, until: .max)
        // The backfills make every span before them wait for them.
        #expect(RowOrderScan(spans, holding: 2_400) != nil)
        #expect(RowOrderScan(spans, holding: 300) == nil)
        // In order, only the span being read is held.
        let ordered = (0..<10).map { RecordSpan(firstID: Int64($0) * 100 + 1, lastID: Int64($0) * 100 + 100,
                                               minTime: Int64($0) * 1_000, maxTime: Int64($0) * 1_000 + 999, records: 100) }
        #expect(RowOrderScan(ordered, holding: 100) != nil)
        // One late record in the last span holds all of them.
        var late = ordered
        late[9].minTime = 0
        #expect(RowOrderScan(late, holding: 999) == nil)
        #expect(RowOrderScan(late, holding: 1_000) != nil)
    }

    @Test func recordsAnotherProgramWroteOutsideTheSpansAreFound() throws {
        let store = try CollectorStore(path: path, spanRecords: 100)
        // Below the first span and above the last: no span says when they happened.
        try store.db.execute("""
            INSERT INTO records (id, ts, container, stream, level, message) VALUES (-5, 3, 1, 1, 3, 'outside alpha low');
            INSERT INTO records (id, ts, container, stream, level, message) VALUES (5000, 2, 1, 1, 3, 'outside alpha high');
            """)
        let reader = try ReadOnlyDatabase(path: path)
        let all = try reader.allContainers()
        let pattern = try SearchPattern("alpha", mode: .text)
        let merged = try reader.search(pattern, containers: all, since: .min, until: .max, minLevel: .unknown, plan: .scan)
        let rows = try reader.search(pattern, containers: all, since: .min, until: .max, minLevel: .unknown, plan: .rows)
        #expect(rows == merged)
        #expect(rows.prefix(2).map(\.message) == ["outside alpha high", "outside alpha low"])
        #expect(try reader.countMatches(pattern, containers: all, since: .min, until: .max, minLevel: .unknown).values.reduce(0, +) == merged.count)
    }

    @Test func idsGivenAgainAfterTheNewestRecordsAreDeletedStayInsideTheirSpans() throws {
        let store = try CollectorStore(path: path, spanRecords: 100)
        // Deleting the newest records makes SQLite give their ids again, to records of another time.
        try store.db.execute("""
            INSERT INTO records_fts(records_fts) VALUES ('delete-all');
            DELETE FROM records WHERE id > 2000;
            INSERT INTO records_fts(records_fts) VALUES ('rebuild');
            """)
        let row = try store.register(container("c0", name: "n0", service: "svc0"), at: 0)
        var batch = WriteBatch()
        for i in 0..<150 {
            batch.append(row: row, stream: .stdout, records: [LogRecord(time: Int64(i), stream: .stdout, level: .info, message: "early alpha \(i)")],
                         position: StreamPosition(time: Int64(i), countAtTime: 1))
        }
        try store.commit(batch, at: 2)
        #expect(try store.db.scalarInt("SELECT min(id) FROM records WHERE message LIKE 'early%'") == 2001)
        #expect(try Self.spansHold(store.db))
        let reader = try ReadOnlyDatabase(path: path)
        let all = try reader.allContainers()
        let pattern = try SearchPattern("alpha", mode: .text)
        let rows = try reader.search(pattern, containers: all, since: .min, until: .max, minLevel: .unknown, plan: .rows)
        #expect(rows == (try reader.search(pattern, containers: all, since: .min, until: .max, minLevel: .unknown, plan: .scan)))
        #expect(rows.prefix(150).allSatisfy { $0.message.hasPrefix("early alpha") })
    }
}
