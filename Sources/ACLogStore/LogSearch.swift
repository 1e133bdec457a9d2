import ACLogModel

/// `aclog grep`'s queries: matches through the full-text index (or a scan when the index cannot
/// narrow the pattern), each checked against the pattern itself, and their context lines.
extension LogReader {
    /// Windows of at least this many records are searched through the index. A smaller one is
    /// scanned, unless the index holds fewer matches in all than half the window: a common word
    /// is read faster from the window's records, a rare one from its index entries.
    public static let scanBelow: Int64 = 300_000
    /// So few matches in all are read through the index whatever the window, without sizing it
    /// (summing a week of per-minute counts costs more than reading them).
    public static let fewMatches: Int64 = 200

    /// How a search finds its records; tests choose a path, users get `.automatic`.
    public enum Plan: Sendable { case automatic, index, scan }

    public func search(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64, minLevel: Level,
                       plan: Plan = .automatic) throws(StoreError) -> [StoredRecord] {
        let statement: SQLiteStatement
        let check: Bool
        let useIndex = switch plan {
        case .index: true
        case .scan: false
        case .automatic: try prefersIndex(pattern, containers: containers, since: since, until: until)
        }
        if let match = pattern.ftsQuery, useIndex {
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
        // Both queries give each container's records in order, not all of them in time order.
        let inOrder = { (a: StoredRecord, b: StoredRecord) in (a.time, a.id) < (b.time, b.id) }
        if !zip(found, found.dropFirst()).allSatisfy({ !inOrder($1, $0) }) { found.sort(by: inOrder) }
        return found
    }

    func prefersIndex(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> Bool {
        guard let match = pattern.ftsQuery else { return false }
        if try indexMatches(match, upTo: Self.fewMatches) < Self.fewMatches { return true }
        let window = try windowSize(containers: containers, since: since, until: until)
        if window >= Self.scanBelow { return true }
        let limit = window / 2
        guard limit > 0 else { return false }
        return try indexMatches(match, upTo: limit) < limit
    }

    /// The records that hold the words of `match`, counted up to `limit`.
    func indexMatches(_ match: String, upTo limit: Int64) throws(StoreError) -> Int64 {
        let s = try db.prepare(NamedQuery.sql("grep_fts_count"))
        s.bind(match, named: ":match")
        s.bind(limit, named: ":limit")
        return try s.step() ? s.int64(0) : 0
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
