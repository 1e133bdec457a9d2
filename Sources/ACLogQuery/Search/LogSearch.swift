import ACLogModel
import ACLogSQLite

/// `aclog grep`'s queries: matches through the full-text index (or a scan when the index cannot
/// narrow the pattern), each checked against the pattern itself, and their context lines.
extension ReadOnlyDatabase {
    /// A word found in more than one record in `commonShare` of the window is read by scanning the
    /// window in time order, each container apart and merged as they go: its first matches are
    /// shown at once, and reading the window costs less than following that many index entries
    /// and putting them in order. A rarer word is read through the index.
    public static let commonShare: Int64 = 20
    /// Whatever the window, this many matches in all are enough to call a word common: counting
    /// more index entries would hold up the first line (about 5 ms per 100,000 on the 10M-record
    /// database: `aclog sql "SELECT count(*) FROM (SELECT 1 FROM records_fts WHERE … LIMIT n)"`).
    public static let commonMatches: Int64 = 200_000
    /// So few matches in all are read through the index whatever the window, without sizing it
    /// (summing a week of per-minute counts costs more than reading them).
    public static let fewMatches: Int64 = 200

    /// How a search finds its records; tests choose a path, users get `.automatic`.
    /// - index: through the full-text index;
    /// - rows: the window's records in the table's row order, put in time order by their spans
    ///   (`RowOrderScan`); where the spans are too far out of order, as `scan`;
    /// - scan: each container's records in time order through records_container_ts, merged.
    public enum Plan: Sendable { case automatic, index, rows, scan }

    /// Reading the index's words for a fragment costs about as much as scanning one record in this
    /// many of those it holds (below).
    public static let fragmentShare: Int64 = 8
    /// A fragment that more of the index's words hold (a letter or two) is left to a scan: a query
    /// of that many words costs more to run than to scan.
    public static let fragmentWords = 2_000

    /// Reading a record in row order costs about a third of reading it through
    /// records_container_ts (1.7 s against 4.9 s for 10M): row order is chosen while the spans to
    /// read hold at most this many times the records wanted.
    public static let rowOrderCost: Int64 = 3

    /// Matches this many or fewer are held whole until they are put in time order; past it, only
    /// their times and ids are kept and the records are read again in order (a common word over a
    /// week matched 4.8M records and held 3.3 GB).
    public static let heldMatches = 20_000

    /// Every match, in time order.
    public func search(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64, minLevel: Level,
                       plan: Plan = .automatic) throws -> [StoredRecord] {
        var found: [StoredRecord] = []
        try forEachMatch(pattern, containers: containers, since: since, until: until, minLevel: minLevel, plan: plan) { found.append($0) }
        return found
    }

    /// Every match, in time order, handed over one at a time; memory stays bounded however many.
    /// `holding`: how many matches may be held whole (tests read them all again with 0).
    public func forEachMatch(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64, minLevel: Level,
                             plan: Plan = .automatic, holding: Int = heldMatches,
                             _ body: (StoredRecord) throws -> Void) throws {
        guard try usesIndex(pattern, plan: plan, containers: containers, since: since, until: until) else {
            if plan != .scan, var order = try rowOrderScan(containers: containers, since: since, until: until, forced: plan == .rows) {
                let rows = try spanReaders(pattern, "grep_rows", containers: containers, since: since, until: until, minLevel: minLevel,
                                           spans: order.spans) { (statement, labels) throws(StoreError) in
                    var records: [StoredRecord] = []
                    records.reserveCapacity(1_024)
                    while try statement.step() { records.append(StoredRecord(rowOf: statement, labels: labels)) }
                    return records
                }
                defer { rows.stop() }
                while let records = try rows.next() { try order.add(records, body) }
                return
            }
            var statements: [SQLiteStatement] = []
            for container in Self.distinct(containers) {
                statements.append(try scanStatement(pattern, containers: [container], since: since, until: until, minLevel: minLevel))
            }
            var merge = try TimeOrderedMerge(statements)
            try merge.forEach(body)
            return
        }
        var references: [(time: Int64, id: Int64)] = []
        var held: [StoredRecord] = []
        var holdsAll = true
        try eachMatch(pattern, containers: containers, since: since, until: until, minLevel: minLevel, plan: .index) { record in
            references.append((record.time, record.id))
            guard holdsAll else { return }
            held.append(record)
            if held.count > holding {
                holdsAll = false
                held = []
            }
        }
        // Both queries give each container's records in order, not all of them in time order.
        if holdsAll {
            let before = { (a: StoredRecord, b: StoredRecord) in (a.time, a.id) < (b.time, b.id) }
            if !zip(held, held.dropFirst()).allSatisfy({ !before($1, $0) }) { held.sort(by: before) }
            for record in held { try body(record) }
            return
        }
        references.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        let s = try db.prepare(NamedQuery.sql("records_by_id"))
        var start = 0
        while start < references.count {
            let chunk = references[start..<min(start + 500, references.count)]
            s.reset()
            try s.bind(Self.jsonArray(chunk.map(\.id)), named: ":ids")
            var byID: [Int64: StoredRecord] = [:]
            while try s.step() {
                let record = StoredRecord(s)
                byID[record.id] = record
            }
            for reference in chunk {
                if let record = byID[reference.id] { try body(record) }
            }
            start += chunk.count
        }
    }

    /// How many records match, per service. A scan is counted by SQLite in the table's row order
    /// (`grep_count_scan`); otherwise the matches are found as `grep` finds them.
    public func countMatches(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64,
                             minLevel: Level) throws(StoreError) -> [String: Int] {
        if let counts = try countThroughIndex(pattern, containers: containers, since: since, until: until, minLevel: minLevel) {
            return counts
        }
        var counts: [String: Int] = [:]
        // Decided once: the index probes count up to 200,000 entries.
        let indexed = try usesIndex(pattern, plan: .automatic, containers: containers, since: since, until: until)
        if !indexed {
            if let scan = try rowOrderScan(containers: containers, since: since, until: until, forced: false) {
                let perSpan = try spanReaders(pattern, "grep_count_scan", containers: containers, since: since, until: until,
                                              minLevel: minLevel, spans: scan.spans) { (statement, labels) throws(StoreError) in
                    var perContainer: [Int64: Int] = [:]
                    while try statement.step() { perContainer[statement.int64(0), default: 0] += 1 }
                    var counts: [String: Int] = [:]
                    for (container, n) in perContainer { counts[labels[container]?.service ?? "", default: 0] += n }
                    return counts
                }
                defer { perSpan.stop() }
                while let some = try perSpan.next() { counts.merge(some, uniquingKeysWith: +) }
                return counts
            }
        }
        try eachMatch(pattern, containers: containers, since: since, until: until, minLevel: minLevel, plan: indexed ? .index : .scan) {
            counts[$0.service, default: 0] += 1
        }
        return counts
    }

    /// The matches in the order the chosen query gives them: each container's in time order.
    private func eachMatch(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64, minLevel: Level,
                           plan: Plan, _ body: (StoredRecord) -> Void) throws(StoreError) {
        let statement: SQLiteStatement
        var check = false
        if let match = try chosenIndexQuery(pattern, plan: plan, containers: containers, since: since, until: until) {
            statement = try db.prepare(NamedQuery.sql("grep_fts"))
            try statement.bind(match, named: ":match")
            try Self.bindWindow(statement, containers: containers, since: since, until: until)
            try statement.bind(Int64(minLevel.rawValue), named: ":min_level")
            check = pattern.needsCheck
        } else {
            statement = try scanStatement(pattern, containers: containers, since: since, until: until, minLevel: minLevel)
        }
        while try statement.step() {
            let record = StoredRecord(statement)
            if !check || pattern.matches(record.message) { body(record) }
        }
    }

    /// grep_scan over some containers: the matches of each one in time order.
    private func scanStatement(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64,
                               minLevel: Level) throws(StoreError) -> SQLiteStatement {
        let statement = try db.prepare(NamedQuery.sql("grep_scan"))
        try Self.bindWindow(statement, containers: containers, since: since, until: until)
        try statement.bind(Int64(minLevel.rawValue), named: ":min_level")
        try bindPattern(statement, pattern)
        return statement
    }

    /// The parameters of grep_rows and grep_count_scan: a range of ids, the containers (nil: all),
    /// the window, the level and the pattern.
    func bindRows(_ statement: SQLiteStatement, _ pattern: SearchPattern, first: Int64, last: Int64, containers: [Int64]?,
                          since: Int64, until: Int64, minLevel: Level) throws(StoreError) {
        try statement.bind(first, named: ":first")
        try statement.bind(last, named: ":last")
        try statement.bind(containers.map(Self.jsonArray), named: ":containers")
        try statement.bind(since, named: ":since")
        try statement.bind(until, named: ":until")
        try statement.bind(Int64(minLevel.rawValue), named: ":min_level")
        try bindPattern(statement, pattern)
    }

    /// Runs `query` (grep_rows or grep_count_scan) over each span on two worker threads, each on a
    /// connection of its own, and gives what `read` makes of each span's rows in span order.
    /// `wholeSpanQuery`, when given, is run instead over a span that lies wholly inside the window
    /// when every container and level is asked for: the same query without their terms.
    func spanReaders<Result: Sendable>(
        _ pattern: SearchPattern, _ query: String, wholeSpanQuery: String? = nil,
        containers: [Int64], since: Int64, until: Int64, minLevel: Level,
        spans: [RecordSpan],
        read: @escaping @Sendable (SQLiteStatement, [Int64: StoredRecord.ContainerLabel]) throws(StoreError) -> Result
    ) throws(StoreError) -> ParallelSpans<Result> {
        let path = db.path
        let labels = try containerLabels(containers)
        let asked: [Int64]? = try Set(containers).isSuperset(of: allContainers()) ? nil : containers
        return ParallelSpans(spans) { () throws(StoreError) in
            // Each worker its own copies: the threads would otherwise take turns at one reference
            // count for every record (a quarter of their time for a word on half the records).
            let labels = labels.mapValues(\.copied)
            let reader = try ReadOnlyDatabase(path: path)
            let statement = try reader.db.prepare(NamedQuery.sql(query))
            var whole: SQLiteStatement?
            if let wholeSpanQuery, asked == nil, minLevel == .unknown { whole = try reader.db.prepare(NamedQuery.sql(wholeSpanQuery)) }
            return { (span) throws(StoreError) in
                if let whole, span.minTime >= since, span.maxTime < until {
                    whole.reset()
                    try whole.bind(span.firstID, named: ":first")
                    try whole.bind(span.lastID, named: ":last")
                    try reader.bindPattern(whole, pattern)
                    return try read(whole, labels)
                }
                statement.reset()
                try reader.bindRows(statement, pattern, first: span.firstID, last: span.lastID, containers: asked,
                                    since: since, until: until, minLevel: minLevel)
                return try read(statement, labels)
            }
        }
    }

    /// aclog_match's arguments (PatternFunction).
    private func bindPattern(_ statement: SQLiteStatement, _ pattern: SearchPattern) throws(StoreError) {
        let (text, mode, flags) = PatternFunction.arguments(pattern)
        try statement.bind(text, named: ":pattern")
        try statement.bind(mode, named: ":mode")
        try statement.bind(flags, named: ":flags")
    }

    func usesIndex(_ pattern: SearchPattern, plan: Plan, containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> Bool {
        try chosenIndexQuery(pattern, plan: plan, containers: containers, since: since, until: until) != nil
    }

    /// The index query a search reads its matches through, or nil when it scans.
    private func chosenIndexQuery(_ pattern: SearchPattern, plan: Plan, containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> String? {
        guard let match = try indexQuery(pattern, plan: plan, containers: containers, since: since, until: until) else { return nil }
        switch plan {
        case .index: return match
        case .rows, .scan: return nil
        case .automatic: break
        }
        if try indexMatches(match, upTo: Self.fewMatches) < Self.fewMatches { return match }
        let limit = Self.commonLimit(try windowSize(containers: containers, since: since, until: until))
        return try indexMatches(match, upTo: limit) < limit ? match : nil
    }

    /// So many matches or more make a pattern common in a window of `window` records: the window
    /// is scanned.
    static func commonLimit(_ window: Int64) -> Int64 {
        max(fewMatches, min(window / commonShare, commonMatches))
    }

    /// The FTS5 query that finds a superset of the matches: the pattern's own (`ftsQuery`), or for a
    /// fragment of a word, the index's words that hold it (`IndexTerms`). Those are looked up for
    /// `.index`, or where the window holds at least one record in `fragmentShare` of the index's
    /// (reading the index's words costs about as much as scanning that many records) and the
    /// fragment is not a common word by itself.
    func indexQuery(_ pattern: SearchPattern, plan: Plan, containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> String? {
        if let query = pattern.ftsQuery { return query }
        guard let fragments = pattern.fragments, plan == .index || plan == .automatic else { return nil }
        try planCache.refresh(db)
        let key = "\(pattern.identity) \(plan) \(containers) \(since) \(until)"
        if let known = planCache.queries[key] { return known }
        let query = try fragmentQuery(fragments, automatic: plan == .automatic, containers: containers, since: since, until: until)
        planCache.queries[key] = .some(query)
        return query
    }

    private func fragmentQuery(_ fragments: [[UInt8]], automatic: Bool, containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> String? {
        if automatic {
            let window = try windowSize(containers: containers, since: since, until: until)
            guard let indexed = try IndexTerms.indexedRecords(in: db), window * Self.fragmentShare >= indexed else { return nil }
            // A fragment that is a common word by itself is common: a scan, without reading the words.
            let limit = Self.commonLimit(window)
            for fragment in fragments {
                if try indexMatches(SearchPattern.phrase([String(decoding: fragment, as: UTF8.self)]), upTo: limit) >= limit { return nil }
            }
        }
        if planCache.candidates[fragments] == nil {
            planCache.candidates[fragments] = .some(try IndexTerms.containing(anyOf: fragments, in: db, limit: Self.fragmentWords))
        }
        return planCache.candidates[fragments]!.map { SearchPattern.fragmentQuery($0, fragments) }
    }

    /// A row-order reading of the window, unless its spans hold more than `rowOrderCost` times the
    /// records the containers asked about have in it (a few containers of many, or spans so far
    /// out of order that they reach across the window) or would hold too many matches at once;
    /// `forced` ignores the first.
    func rowOrderScan(containers: [Int64], since: Int64, until: Int64, forced: Bool) throws(StoreError) -> RowOrderScan? {
        let spans = try recordSpans(since: since, until: until)
        if !forced {
            let rows = spans.reduce(0) { $0 + $1.records }
            guard rows <= Self.rowOrderCost * (try windowSize(containers: containers, since: since, until: until)) else { return nil }
        }
        return RowOrderScan(spans)
    }

    /// Row → what each container shows beside its records.
    func containerLabels(_ containers: [Int64]) throws(StoreError) -> [Int64: StoredRecord.ContainerLabel] {
        let s = try db.prepare(NamedQuery.sql("container_labels"))
        try s.bind(Self.jsonArray(containers), named: ":containers")
        var labels: [Int64: StoredRecord.ContainerLabel] = [:]
        while try s.step() { labels[s.int64(0)] = .init(service: s.text(1), name: s.text(2), dockerID: s.text(3)) }
        return labels
    }

    /// The records that hold the words of `match`, counted up to `limit`.
    func indexMatches(_ match: String, upTo limit: Int64) throws(StoreError) -> Int64 {
        let s = try db.prepare(NamedQuery.sql("grep_fts_count"))
        try s.bind(match, named: ":match")
        try s.bind(limit, named: ":limit")
        return try s.step() ? s.int64(0) : 0
    }

    func windowSize(containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> Int64 {
        try planCache.refresh(db)
        let key = "\(containers) \(since) \(until)"
        if let known = planCache.windows[key] { return known }
        let size = try summedWindowSize(containers: containers, since: since, until: until)
        planCache.windows[key] = size
        return size
    }

    private func summedWindowSize(containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> Int64 {
        let s = try db.prepare(NamedQuery.sql("window_size"))
        try s.bind(Self.jsonArray(containers), named: ":containers")
        try s.bind(since == Int64.min ? Int64.min + 60_000_000_000 : since, named: ":since")
        try s.bind(until, named: ":until")
        return try s.step() ? s.int64(0) : 0
    }

    /// Up to `count` records before (`after` false, returned oldest first) or after a record, in
    /// its container and stream.
    public func context(of record: StoredRecord, count: Int, after: Bool) throws(StoreError) -> [StoredRecord] {
        guard count > 0, let row = record.containerRow else { return [] }
        let s = try db.prepare(NamedQuery.sql(after ? "context_after" : "context_before"))
        try s.bind(row, named: ":container")
        try s.bind(Int64(record.stream.rawValue), named: ":stream")
        try s.bind(record.time, named: ":ts")
        try s.bind(record.id, named: ":id")
        try s.bind(Int64(count), named: ":count")
        var rows: [StoredRecord] = []
        while try s.step() { rows.append(StoredRecord(s)) }
        return after ? rows : rows.reversed()
    }
}
