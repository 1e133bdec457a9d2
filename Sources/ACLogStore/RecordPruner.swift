import ACLogModel

/// Deletes old log records with their search-index entries and per-minute counts, a few whole
/// minutes per transaction: each transaction leaves records, index and counts in step, so a
/// crash between two of them loses nothing but time, and the writer is never held for long.
public struct RecordPruner {
    let db: SQLiteConnection

    public init(db: SQLiteConnection) {
        self.db = db
    }

    static let minute = 60 * Timestamp.nanosPerSecond

    /// Deletes one batch of the records older than `cutoff` (rounded down to the minute): whole
    /// minutes, about `maxRecords` records. Returns how many records went and whether older
    /// ones remain.
    public func pruneBatch(before cutoff: Int64, maxRecords: Int = 5_000) throws(StoreError) -> (removed: Int, more: Bool) {
        let end = cutoff - ((cutoff % Self.minute) + Self.minute) % Self.minute
        let minutes = try db.prepare("SELECT minute, sum(records) FROM record_counts WHERE minute < ? GROUP BY minute ORDER BY minute LIMIT 10000")
        minutes.bind(end, at: 1)
        var upTo: Int64?
        var total = 0
        var rows = 0
        var more = false
        while try minutes.step() {
            rows += 1
            if upTo != nil && total + Int(minutes.int64(1)) > maxRecords {
                more = true
                break
            }
            upTo = minutes.int64(0) + Self.minute
            total += Int(minutes.int64(1))
        }
        if rows == 10_000 { more = true }
        guard let upTo else { return (0, false) }
        return try db.transaction { () throws(StoreError) -> (removed: Int, more: Bool) in
            let old = try db.prepare("SELECT id, message, container FROM records WHERE ts < ?")
            old.bind(upTo, at: 1)
            let unindex = try db.prepare("INSERT INTO records_fts (records_fts, rowid, message) VALUES ('delete', ?, ?)")
            var containers = Set<Int64>()
            var removed = 0
            while try old.step() {
                unindex.reset()
                unindex.bind(old.int64(0), at: 1)
                unindex.bind(old.text(1), at: 2)
                try unindex.step()
                containers.insert(old.int64(2))
                removed += 1
            }
            let delete = try db.prepare("DELETE FROM records WHERE ts < ?")
            delete.bind(upTo, at: 1)
            try delete.step()
            let counts = try db.prepare("DELETE FROM record_counts WHERE minute < ?")
            counts.bind(upTo, at: 1)
            try counts.step()
            let refresh = try db.prepare("""
                UPDATE containers SET
                    record_count = (SELECT coalesce(sum(records), 0) FROM record_counts WHERE container = containers.id),
                    first_ts = (SELECT min(ts) FROM records WHERE container = containers.id)
                WHERE id = ?
                """)
            for container in containers {
                refresh.reset()
                refresh.bind(container, at: 1)
                try refresh.step()
            }
            return (removed, more)
        }
    }

    /// Deletes events and gaps that ended before `cutoff`.
    public func pruneEvents(before cutoff: Int64) throws(StoreError) -> Int {
        let events = try db.prepare("DELETE FROM events WHERE ts < ?")
        events.bind(cutoff, at: 1)
        try events.step()
        var removed = db.changes
        let gaps = try db.prepare("DELETE FROM gaps WHERE end_ts < ?")
        gaps.bind(cutoff, at: 1)
        try gaps.step()
        removed += db.changes
        return removed
    }
}
