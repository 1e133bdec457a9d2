import ACLogSQLite

/// Where the OTLP export to one endpoint stands, for `aclog status` and `/metrics`.
public struct ExportState: Sendable, Equatable {
    public var endpoint: String
    /// Every record up to this id was acknowledged.
    public var lastID: Int64
    public var sent: Int64
    /// Refused by the receiver (partial success, or a batch answered 400).
    public var rejected: Int64
    /// Deleted by retention before they were sent.
    public var missed: Int64
    public var started: Int64
    public var lastSuccess: Int64?
    public var lastError: String?
    /// Records stored after the cursor: still to send.
    public var behind: Int64
    /// The time of the oldest of them.
    public var oldestUnsent: Int64?
}

extension ReadOnlyDatabase {
    public func exportStates() throws(StoreError) -> [ExportState] {
        guard try db.hasTable("export_cursors") else { return [] }
        let s = try db.prepare(NamedQuery.sql("export_cursors"))
        var states: [ExportState] = []
        while try s.step() {
            states.append(ExportState(endpoint: s.text(0), lastID: s.int64(1), sent: s.int64(2), rejected: s.int64(3), missed: s.int64(4),
                                      started: s.int64(5), lastSuccess: s.isNull(6) ? nil : s.int64(6), lastError: s.optionalText(7),
                                      behind: s.int64(8), oldestUnsent: s.isNull(9) ? nil : s.int64(9)))
        }
        return states
    }

    /// One endpoint's cursor and the records retention deleted before they were sent; nil before it begins.
    public func exportCursor(endpoint: String) throws(StoreError) -> (lastID: Int64, missed: Int64)? {
        let s = try db.prepare(NamedQuery.sql("export_cursor"))
        try s.bind(endpoint, named: ":endpoint")
        guard try s.step() else { return nil }
        return (s.int64(0), s.int64(1))
    }
}
