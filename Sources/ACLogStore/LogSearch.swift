import ACLogModel

/// `aclog grep`'s queries: matches through the full-text index (or a scan when the index cannot
/// narrow the pattern), each checked against the pattern itself, and their context lines.
extension LogReader {
    public func search(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64, minLevel: Level) throws(StoreError) -> [StoredRecord] {
        let statement: SQLiteStatement
        if let match = pattern.ftsQuery {
            statement = try db.prepare(NamedQuery.sql("grep_fts"))
            statement.bind(match, named: ":match")
            let (first, last) = try idRange(since: since, until: until)
            statement.bind(first, named: ":first_id")
            statement.bind(last, named: ":last_id")
        } else {
            statement = try db.prepare(NamedQuery.sql("grep_scan"))
        }
        statement.bind(Self.jsonArray(containers), named: ":containers")
        statement.bind(since, named: ":since")
        statement.bind(until, named: ":until")
        statement.bind(Int64(minLevel.rawValue), named: ":min_level")
        var found: [StoredRecord] = []
        while try statement.step() {
            // Cheap check on the message column before building the record.
            let record = StoredRecord(statement)
            if pattern.matches(record.message) { found.append(record) }
        }
        return found
    }

    /// The id range of a time range; the whole table when the range is unbounded.
    func idRange(since: Int64, until: Int64) throws(StoreError) -> (Int64, Int64) {
        guard since != Int64.min || until != Int64.max else { return (Int64.min, Int64.max) }
        let s = try db.prepare(NamedQuery.sql("id_range"))
        s.bind(since, named: ":since")
        s.bind(until, named: ":until")
        guard try s.step(), !s.isNull(0) else { return (1, 0) }
        return (s.int64(0), s.int64(1))
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
