import ACLogModel

/// `aclog grep`'s queries: matches through the full-text index (or a scan when the index cannot
/// narrow the pattern), each checked against the pattern itself, and their context lines.
extension LogReader {
    /// Windows of fewer records than this are scanned rather than searched through the index:
    /// reading them is cheaper than reading every index entry of a common word.
    public static let scanBelow: Int64 = 300_000

    /// `scanBelow` is for tests, to take either path on a small dataset.
    public func search(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64, minLevel: Level,
                       scanBelow: Int64 = LogReader.scanBelow) throws(StoreError) -> [StoredRecord] {
        let statement: SQLiteStatement
        let check: Bool
        let small = try windowSize(containers: containers, since: since, until: until) < scanBelow
        if let match = pattern.ftsQuery, !small {
            statement = try db.prepare(NamedQuery.sql("grep_fts"))
            statement.bind(match, named: ":match")
            check = pattern.needsCheck
        } else {
            statement = try db.prepare(NamedQuery.sql("grep_scan"))
            // SQLite's lower() folds ASCII only: a folded needle must be ASCII to be safe.
            let needle = pattern.requiredSubstring.flatMap { !pattern.ignoreCase || $0.allSatisfy(\.isASCII) ? $0 : nil }
            statement.bind(needle.map { pattern.ignoreCase ? $0.lowercased() : $0 }, named: ":needle")
            statement.bind(pattern.ignoreCase ? 1 : 0, named: ":fold")
            check = true
        }
        statement.bind(Self.jsonArray(containers), named: ":containers")
        statement.bind(since, named: ":since")
        statement.bind(until, named: ":until")
        statement.bind(Int64(minLevel.rawValue), named: ":min_level")
        var found: [StoredRecord] = []
        while try statement.step() {
            let record = StoredRecord(statement)
            if !check || pattern.matches(record.message) { found.append(record) }
        }
        return found
    }

    func windowSize(containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> Int64 {
        let s = try db.prepare(NamedQuery.sql("window_size"))
        s.bind(Self.jsonArray(containers), named: ":containers")
        s.bind(since == Int64.min ? Int64.min + 60_000_000_000 : since, named: ":since")
        s.bind(until, named: ":until")
        return try s.step() ? s.int64(0) : 0
    }

    /// Up to `count` records before (`after` false, returned oldest first) or after a record, in
    /// its container and stream.
    public func context(of record: StoredRecord, count: Int, after: Bool) throws(StoreError) -> [StoredRecord] {
        guard count > 0, let row = record.containerRow else { return [] }
        let s = try db.prepare(NamedQuery.sql(after ? "context_after" : "context_before"))
        s.bind(row, named: ":container")
        s.bind(Int64(record.stream.rawValue), named: ":stream")
        s.bind(record.time, named: ":ts")
        s.bind(record.id, named: ":id")
        s.bind(Int64(count), named: ":count")
        var rows: [StoredRecord] = []
        while try s.step() { rows.append(StoredRecord(s)) }
        return after ? rows : rows.reversed()
    }
}
