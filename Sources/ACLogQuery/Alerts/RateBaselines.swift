import ACLogModel
import ACLogSQLite

/// The usual count of a service's records, errors or 5xx responses in a rule's window: the same
/// hour of the day's average over the previous 7 days, from the per-minute counts. Read once an
/// hour per service.
public final class RateBaselines {
    private let counts: SQLiteStatement
    private var known: [String: Double?] = [:]

    public init(db: SQLiteConnection) throws(StoreError) {
        counts = try db.prepare(NamedQuery.sql("alert_counts_between"))
    }

    /// Nil when the service has no history in those hours to compare with.
    public func usual(_ subject: AlertRule.RateTrigger.Subject, service: String, over: Int64, now: Int64) throws(StoreError) -> Double? {
        let hour = Timestamp.floor(now, to: 3_600 * Timestamp.nanosPerSecond)
        let key = "\(service)\u{0}\(subject.rawValue)\u{0}\(hour)"
        if let cached = known[key] { return cached }
        var total: Int64 = 0
        var column: Int32 = 0
        switch subject {
        case .records: column = 0
        case .errors: column = 1
        case .fiveXX: column = 2
        }
        var seen = false
        for day in 1...7 {
            let start = hour - Int64(day) * 86_400 * Timestamp.nanosPerSecond
            counts.reset()
            try counts.bind(service, named: ":service")
            try counts.bind(start, named: ":since")
            try counts.bind(start + 3_600 * Timestamp.nanosPerSecond, named: ":until")
            guard try counts.step() else { continue }
            if counts.int64(0) > 0 { seen = true }
            total += counts.int64(column)
        }
        let usual: Double? = seen ? Double(total) * Double(over) / (7 * 3_600 * Double(Timestamp.nanosPerSecond)) : nil
        if known.count > 1_000 { known = [:] }
        known[key] = usual
        return usual
    }
}
