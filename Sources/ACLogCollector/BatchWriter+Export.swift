import ACLogModel
import ACLogOTLP
import ACLogStore

/// The OTLP export's cursors, written by the one writer between its commits.
extension BatchWriter: ExportCursorStore {
    public func beginExport(endpoint: String) throws {
        try ExportCursors(db: store.db).begin(endpoint: endpoint, at: Timestamp.now())
    }

    public func exportAcknowledged(endpoint: String, from: Int64, to: Int64, sent: Int64, rejected: Int64) throws -> Bool {
        try ExportCursors(db: store.db).acknowledged(endpoint: endpoint, from: from, to: to, sent: sent, rejected: rejected, at: Timestamp.now())
    }

    public func exportFailed(endpoint: String, reason: String) throws {
        try ExportCursors(db: store.db).failed(endpoint: endpoint, reason: reason)
    }
}
