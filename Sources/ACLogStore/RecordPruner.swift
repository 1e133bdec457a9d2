import ACLogModel
import ACLogParsing

/// Deletes the oldest log records with their search-index entries, per-minute counts and
/// container totals, a bounded batch per transaction: each transaction leaves records, index and
/// counts in step, so a crash between two of them loses nothing but time, and the writer is
/// never held for long.
public struct RecordPruner {
    let db: SQLiteConnection

    public init(db: SQLiteConnection) {
        self.db = db
    }

    static let minute = 60 * Timestamp.nanosPerSecond

    /// A deleted record, as much of it as its minute's counts may need.
    struct Removed {
        var level: Int64
        var message: String
        var format: Int?
        var fields: String?
    }

    /// Deletes up to `maxRecords` of the oldest records older than `cutoff` (`.max`: the oldest,
    /// whatever their age). Returns how many went and whether older ones remain.
    public func pruneBatch(before cutoff: Int64, maxRecords: Int = 2_000) throws(StoreError) -> (removed: Int, more: Bool) {
        try db.transaction { () throws(StoreError) -> (removed: Int, more: Bool) in
            let oldest = try oldestRecords(before: cutoff, limit: maxRecords)
            let old = try db.prepare(
                "SELECT id, message, container, ts, level, format, fields FROM records WHERE id IN (SELECT value FROM json_each(?))")
            old.bind(LogReader.jsonArray(oldest), at: 1)
            let unindex = try db.prepare("INSERT INTO records_fts (records_fts, rowid, message) VALUES ('delete', ?, ?)")
            let delete = try db.prepare("DELETE FROM records WHERE id = ?")
            var byMinute: [Int64: [Int64: [Removed]]] = [:]
            var removed = 0
            while try old.step() {
                let id = old.int64(0)
                let message = old.text(1)
                unindex.reset()
                unindex.bind(id, at: 1)
                unindex.bind(message, at: 2)
                try unindex.step()
                delete.reset()
                delete.bind(id, at: 1)
                try delete.step()
                let ts = old.int64(3)
                let minute = ts - ((ts % Self.minute) + Self.minute) % Self.minute
                byMinute[old.int64(2), default: [:]][minute, default: []].append(
                    Removed(level: old.int64(4), message: message, format: old.isNull(5) ? nil : Int(old.int64(5)), fields: old.optionalText(6)))
                removed += 1
            }
            try subtract(byMinute)
            return (removed, removed == maxRecords)
        }
    }

    /// The ids of the oldest `limit` records before `cutoff`: each container's oldest, read from
    /// the (container, ts) index alone, then the oldest of those.
    func oldestRecords(before cutoff: Int64, limit: Int) throws(StoreError) -> [Int64] {
        let s = try db.prepare("SELECT ts, id FROM records WHERE container = ? AND ts < ? ORDER BY ts LIMIT ?")
        var found: [(ts: Int64, id: Int64)] = []
        for container in try LogReader.allContainers(in: db) {
            s.reset()
            s.bind(container, at: 1)
            s.bind(cutoff, at: 2)
            s.bind(Int64(limit), at: 3)
            while try s.step() { found.append((s.int64(0), s.int64(1))) }
        }
        found.sort { ($0.ts, $0.id) < ($1.ts, $1.id) }
        return found.prefix(limit).map(\.id)
    }

    /// Takes deleted records off the per-minute counts and the containers' totals. A minute whose
    /// records all went loses its counts row; only a minute left in part needs to know which of
    /// its records were requests (their fields are read again: a quarter of pruning's time when
    /// every record's were).
    private func subtract(_ byMinute: [Int64: [Int64: [Removed]]]) throws(StoreError) {
        let counted = try db.prepare("SELECT records FROM record_counts WHERE container = ? AND minute = ?")
        let part = try db.prepare("""
            UPDATE record_counts SET records = records - ?1, errors = errors - ?2, requests = requests - ?3,
                server_errors = server_errors - ?4
            WHERE container = ?5 AND minute = ?6
            """)
        let whole = try db.prepare("DELETE FROM record_counts WHERE container = ? AND minute = ?")
        let container = try db.prepare("""
            UPDATE containers SET record_count = record_count - ?1,
                first_ts = (SELECT min(ts) FROM records WHERE container = ?2)
            WHERE id = ?2
            """)
        for (row, minutes) in byMinute {
            var total: Int64 = 0
            for (start, records) in minutes {
                total += Int64(records.count)
                counted.reset()
                counted.bind(row, at: 1)
                counted.bind(start, at: 2)
                if try !counted.step() || counted.int64(0) <= Int64(records.count) {
                    whole.reset()
                    whole.bind(row, at: 1)
                    whole.bind(start, at: 2)
                    try whole.step()
                    continue
                }
                var errors: Int64 = 0, requests: Int64 = 0, serverErrors: Int64 = 0
                for record in records {
                    if record.level >= Int64(Level.error.rawValue) { errors += 1 }
                    // Counted as a request at ingest only when the parser gave an integer status.
                    if let status = RecordFields.httpStatus(format: record.format, message: record.message, stored: record.fields) {
                        requests += 1
                        if status >= 500 { serverErrors += 1 }
                    }
                }
                part.reset()
                part.bind(Int64(records.count), at: 1)
                part.bind(errors, at: 2)
                part.bind(requests, at: 3)
                part.bind(serverErrors, at: 4)
                part.bind(row, at: 5)
                part.bind(start, at: 6)
                try part.step()
            }
            container.reset()
            container.bind(total, at: 1)
            container.bind(row, at: 2)
            try container.step()
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
