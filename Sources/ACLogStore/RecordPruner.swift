import ACLogModel
import ACLogSQLite

/// Deletes the oldest log records with their search-index entries, per-minute counts and
/// container totals, a bounded batch per transaction: each transaction leaves records, index and
/// counts in step, so a crash between two of them loses nothing but time, and the writer is
/// never held for long.
///
/// It deletes whole minutes only (of every container at once), so a minute's counts row is either
/// kept as the writer counted it at ingest or deleted with all its records. Nothing is counted
/// again: a parser that reads a record differently today than at ingest cannot make the counts drift.
public struct RecordPruner {
    let db: SQLiteConnection

    public init(db: SQLiteConnection) {
        self.db = db
    }

    /// Deletes about `maxRecords` of the oldest records of the whole minutes before `cutoff` (`.max`:
    /// the oldest, whatever their age); one minute holding more records goes whole all the same.
    /// Returns how many went and whether older ones remain.
    public func pruneBatch(before cutoff: Int64, maxRecords: Int = 2_000) throws(StoreError) -> (removed: Int, more: Bool) {
        let cutoff = cutoff == .max ? cutoff : Timestamp.floor(cutoff, to: Timestamp.nanosPerMinute)
        return try db.transaction { () throws(StoreError) -> (removed: Int, more: Bool) in
            let oldest = try oldestRecords(before: cutoff, limit: maxRecords)
            guard let first = oldest.first, let last = oldest.last else { return (0, false) }
            var end = cutoff
            let full = oldest.count == maxRecords
            if full {
                // Every record before the newest one's minute is among the oldest; if they all share
                // one minute, that minute goes whole.
                let lastMinute = Timestamp.floor(last.ts, to: Timestamp.nanosPerMinute)
                end = min(cutoff, lastMinute > Timestamp.floor(first.ts, to: Timestamp.nanosPerMinute) ? lastMinute : lastMinute + Timestamp.nanosPerMinute)
            }
            let removed = try delete(before: end)
            return (removed, full)
        }
    }

    /// The oldest `limit` records before `cutoff`, in time order: each container's oldest, read
    /// from the (container, ts) index alone, then the oldest of those.
    func oldestRecords(before cutoff: Int64, limit: Int) throws(StoreError) -> [(ts: Int64, id: Int64)] {
        let s = try db.prepare(NamedQuery.sql("store/oldest_records"))
        var found: [(ts: Int64, id: Int64)] = []
        for container in try db.containerRows() {
            s.reset()
            s.bind(container, at: 1)
            s.bind(cutoff, at: 2)
            s.bind(Int64(limit), at: 3)
            while try s.step() { found.append((s.int64(0), s.int64(1))) }
        }
        found.sort { ($0.ts, $0.id) < ($1.ts, $1.id) }
        return Array(found.prefix(limit))
    }

    /// Deletes every record before `end` (the start of a minute, or `.max`) with its index entry,
    /// the counts rows of those minutes, and takes them off their containers' totals.
    private func delete(before end: Int64) throws(StoreError) -> Int {
        let old = try db.prepare(NamedQuery.sql("store/records_before"))
        let unindex = try db.prepare(NamedQuery.sql("store/unindex_record"))
        let delete = try db.prepare(NamedQuery.sql("store/delete_record"))
        let counts = try db.prepare(NamedQuery.sql("store/delete_counts"))
        let totals = try db.prepare(NamedQuery.sql("store/take_container_totals"))
        var removed = 0
        var deleted: [Int64] = []
        for container in try db.containerRows() {
            old.reset()
            old.bind(container, at: 1)
            old.bind(end, at: 2)
            var ids: [(Int64, String)] = []
            while try old.step() { ids.append((old.int64(0), old.text(1))) }
            guard !ids.isEmpty else { continue }
            deleted += ids.map(\.0)
            for (id, message) in ids {
                unindex.reset()
                unindex.bind(id, at: 1)
                unindex.bind(message, at: 2)
                try unindex.step()
                delete.reset()
                delete.bind(id, at: 1)
                try delete.step()
            }
            counts.reset()
            counts.bind(container, at: 1)
            counts.bind(end, at: 2)
            try counts.step()
            totals.reset()
            totals.bind(Int64(ids.count), at: 1)
            totals.bind(container, at: 2)
            try totals.step()
            removed += ids.count
        }
        try db.execute(NamedQuery.sql("store/prune_record_containers"))
        try StoreCounter.recordsPruned.add(Int64(removed), in: db)
        try ExportCursors(db: db).recordsDeleted(deleted)
        return removed
    }

    /// Deletes events and gaps that ended before `cutoff`.
    public func pruneEvents(before cutoff: Int64) throws(StoreError) -> Int {
        let events = try db.prepare(NamedQuery.sql("store/delete_events"))
        events.bind(cutoff, at: 1)
        try events.step()
        var removed = db.changes
        let gaps = try db.prepare(NamedQuery.sql("store/delete_gaps"))
        gaps.bind(cutoff, at: 1)
        try gaps.step()
        removed += db.changes
        return removed
    }
}
