import ACLogSQLite

/// The OTLP export's cursors (`export_cursors`), written by the one writer: where each endpoint
/// stands, moved only when its receiver acknowledged a batch.
public struct ExportCursors {
    let db: SQLiteConnection

    public init(db: SQLiteConnection) {
        self.db = db
    }

    /// Makes the endpoint's cursor if it has none (at 0: every stored record is still to send).
    public func begin(endpoint: String, at now: Int64) throws(StoreError) {
        let s = try db.prepare(NamedQuery.sql("store/export_begin"))
        s.bind(endpoint, at: 1)
        s.bind(now, at: 2)
        try s.step()
    }

    /// The receiver took the batch after `from` up to `to`. Returns false when the cursor was no
    /// longer at `from` (retention moved it down meanwhile): nothing is changed.
    public func acknowledged(endpoint: String, from: Int64, to: Int64, sent: Int64, rejected: Int64, at now: Int64) throws(StoreError) -> Bool {
        let s = try db.prepare(NamedQuery.sql("store/export_acknowledged"))
        s.bind(endpoint, at: 1)
        s.bind(from, at: 2)
        s.bind(to, at: 3)
        s.bind(sent, at: 4)
        s.bind(rejected, at: 5)
        s.bind(now, at: 6)
        try s.step()
        return db.changes > 0
    }

    public func failed(endpoint: String, reason: String) throws(StoreError) {
        let s = try db.prepare(NamedQuery.sql("store/export_failed"))
        s.bind(endpoint, at: 1)
        s.bind(reason, at: 2)
        try s.step()
    }

    /// Records deleted by retention: those an endpoint had not been sent count as missed, and no
    /// cursor stays above the highest id left.
    func recordsDeleted(_ ids: [Int64]) throws(StoreError) {
        guard !ids.isEmpty, try db.scalarInt("SELECT count(*) FROM export_cursors") ?? 0 > 0 else { return }
        let missed = try db.prepare(NamedQuery.sql("store/export_missed"))
        missed.bind("[" + ids.map(String.init).joined(separator: ",") + "]", at: 1)
        try missed.step()
        try db.execute(NamedQuery.sql("store/export_clamp"))
    }
}
