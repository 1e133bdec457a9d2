import ACLogModel
import ACLogSQLite

/// When each service last showed each error signature, for `new_signature` rules: read once from
/// the stored error records, then kept up to date with the records judged.
public final class SignatureMemory {
    private var lastSeen: [String: [String: Int64]] = [:]

    public init(db: SQLiteConnection, since: Int64, until: Int64) throws(StoreError) {
        let s = try db.prepare(NamedQuery.sql("alert_seen_errors"))
        try s.bind(since, named: ":since")
        try s.bind(until, named: ":until")
        while try s.step() {
            let signature = ErrorSignature.of(s.text(1))
            lastSeen[s.text(0), default: [:]][signature] = max(lastSeen[s.text(0)]?[signature] ?? .min, s.int64(2))
        }
    }

    /// Whether the service did not show the signature in the `days` before `time`; it has now.
    public func isNew(_ signature: String, service: String, at time: Int64, days: Int) -> Bool {
        let before = lastSeen[service]?[signature]
        lastSeen[service, default: [:]][signature] = max(before ?? .min, time)
        guard let before else { return true }
        return time - before > Int64(days) * 86_400 * Timestamp.nanosPerSecond
    }
}
