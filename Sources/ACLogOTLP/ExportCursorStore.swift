/// Where the export's cursor is kept: the collector's writer, which owns the database. A cursor
/// moves only when the receiver acknowledged a batch.
public protocol ExportCursorStore: Actor {
    /// Makes the endpoint's cursor if it has none (at 0: every stored record is still to send).
    func beginExport(endpoint: String) throws
    /// The receiver took the records after `from` up to `to`; false when retention moved the
    /// cursor meanwhile (nothing was changed).
    func exportAcknowledged(endpoint: String, from: Int64, to: Int64, sent: Int64, rejected: Int64) throws -> Bool
    func exportFailed(endpoint: String, reason: String) throws
}
