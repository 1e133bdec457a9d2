import ACLogModel
import ACLogSQLite

/// When each service last showed each error signature, for `new_signature` rules and the
/// timeline's new errors: read once from the stored error records (and, in an export, from what
/// its source had seen before its window), then kept up to date with the records judged.
public final class SignatureMemory {
    private var lastSeen: [String: [String: Int64]] = [:]

    public init(db: SQLiteConnection, since: Int64, until: Int64) throws(StoreError) {
        let s = try db.prepare(NamedQuery.sql("alert_seen_errors"))
        try s.bind(since, named: ":since")
        try s.bind(until, named: ":until")
        while try s.step() {
            note(ErrorSignature.of(s.text(1)), service: s.text(0), at: s.int64(2))
        }
        // An export holds what its source had seen before its window.
        let prior = try db.prepare(NamedQuery.sql("prior_signatures"))
        try prior.bind(since, named: ":since")
        try prior.bind(until, named: ":until")
        while try prior.step() {
            note(prior.text(1), service: prior.text(0), at: prior.int64(2))
        }
    }

    private func note(_ signature: String, service: String, at time: Int64) {
        lastSeen[service, default: [:]][signature] = max(lastSeen[service]?[signature] ?? .min, time)
    }

    /// Every signature known, with its service and when it was last seen.
    public var known: [(service: String, signature: String, last: Int64)] {
        lastSeen.flatMap { service, signatures in signatures.map { (service, $0.key, $0.value) } }
    }

    /// Whether the service did not show the signature in the `days` before `time`; it has now.
    public func isNew(_ signature: String, service: String, at time: Int64, days: Int) -> Bool {
        let before = lastSeen[service]?[signature]
        lastSeen[service, default: [:]][signature] = max(before ?? .min, time)
        guard let before else { return true }
        return time - before > Int64(days) * 86_400 * Timestamp.nanosPerSecond
    }
}
