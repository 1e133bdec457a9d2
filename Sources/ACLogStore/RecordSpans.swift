import ACLogSQLite

/// Keeps `record_spans` (migration 15) true as batches are committed: every new record id lies in
/// a span whose earliest and latest times bound its records, so a search can read the table in row
/// order and still hand its matches over in time order.
public final class RecordSpans {
    /// A span takes batches until it holds this many records: small enough that a search holds
    /// little and shows its first lines soon, large enough that the table stays small (about 600
    /// spans for 10M records).
    public static let spanRecords: Int64 = 16_384
    private let spanRecords: Int64

    /// The ids and times of what one transaction stored.
    struct Tally {
        private(set) var firstID = Int64.max
        private(set) var lastID = Int64.min
        private(set) var minTime = Int64.max
        private(set) var maxTime = Int64.min
        private(set) var records: Int64 = 0

        mutating func add(id: Int64, time: Int64) {
            firstID = min(firstID, id)
            lastID = max(lastID, id)
            minTime = min(minTime, time)
            maxTime = max(maxTime, time)
            records += 1
        }
    }

    private let dropStale: SQLiteStatement
    private let last: SQLiteStatement
    private let widen: SQLiteStatement
    private let insert: SQLiteStatement

    init(db: SQLiteConnection, spanRecords: Int64) throws(StoreError) {
        self.spanRecords = spanRecords
        dropStale = try db.prepare(NamedQuery.sql("store/drop_stale_spans"))
        last = try db.prepare(NamedQuery.sql("store/last_span"))
        widen = try db.prepare(NamedQuery.sql("store/widen_span"))
        insert = try db.prepare(NamedQuery.sql("store/insert_span"))
    }

    /// Adds a transaction's records to the last span while it has room, or to a new one. New ids
    /// are above every stored id, so a span that begins at or after them held only deleted records.
    func note(_ tally: Tally) throws(StoreError) {
        guard tally.records > 0 else { return }
        dropStale.reset()
        dropStale.bind(tally.firstID, at: 1)
        try dropStale.step()
        last.reset()
        let joins: Int64?
        if try last.step() {
            let (first, lastID, records) = (last.int64(0), last.int64(1), last.int64(2))
            // A span that reaches into the new ids must widen whatever its size.
            joins = lastID >= tally.firstID || records < spanRecords ? first : nil
        } else {
            joins = nil
        }
        last.reset()
        let s = joins == nil ? insert : widen
        s.reset()
        s.bind(joins ?? tally.firstID, at: 1)
        s.bind(tally.lastID, at: 2)
        s.bind(tally.minTime, at: 3)
        s.bind(tally.maxTime, at: 4)
        s.bind(tally.records, at: 5)
        try s.step()
    }
}
