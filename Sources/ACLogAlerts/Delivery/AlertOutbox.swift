import ACLogModel
import ACLogSQLite

/// The notifications waiting in the database, as the writer hands them to the notifier and
/// records what became of them.
public final class AlertOutbox {
    /// How long a failing channel is retried, and how far apart.
    public struct Retry: Sendable {
        public var first: Int64 = Timestamp.nanosPerSecond
        public var longest: Int64 = 60 * Timestamp.nanosPerSecond
        public var giveUpAfter: Int64 = 3_600 * Timestamp.nanosPerSecond
        public init() {}
    }

    private let db: SQLiteConnection
    private let due, next, sent, failed: SQLiteStatement
    private let severities: [String: AlertRule.Severity]
    /// The web view's address as people open it; links lead there.
    public var webURL: String?
    public let retry: Retry

    public init(db: SQLiteConnection, rules: [AlertRule], webURL: String?, retry: Retry = Retry()) throws(StoreError) {
        self.db = db
        due = try db.prepare(NamedQuery.sql("store/alert_due_notifications"))
        next = try db.prepare(NamedQuery.sql("store/alert_next_due"))
        sent = try db.prepare(NamedQuery.sql("store/alert_mark_sent"))
        failed = try db.prepare(NamedQuery.sql("store/alert_mark_failed"))
        severities = Dictionary(rules.map { ($0.name, $0.severity) }, uniquingKeysWith: { a, _ in a })
        self.webURL = webURL
        self.retry = retry
    }

    /// The notifications due at `now`, each with its records' first lines.
    public func due(now: Int64) throws(StoreError) -> [(notification: AlertNotification, lines: [String])] {
        due.reset()
        due.bind(now, at: 1)
        var out: [(AlertNotification, [String])] = []
        while try due.step() {
            let s = due
            let service = s.text(12)
            let time = s.int64(3)
            let notification = AlertNotification(
                id: s.int64(0), channel: s.text(1), rule: s.text(11), state: s.text(2), severity: severities[s.text(11)] ?? .warning,
                service: service, container: s.optionalText(4) ?? "", time: time, summary: s.text(5), value: s.optionalText(6),
                count: Int(s.int64(7)), records: s.text(8), url: link(service: service, time: time), attempts: Int(s.int64(9)), made: s.int64(10))
            let lines = s.optionalText(13).map { $0.split(separator: "\n").map(String.init) } ?? []
            out.append((notification, lines))
        }
        return out
    }

    /// When the next notification is due, if one waits.
    public func nextDue() throws(StoreError) -> Int64? {
        next.reset()
        guard try next.step(), !next.isNull(0) else { return nil }
        return next.int64(0)
    }

    public func markSent(_ id: Int64, at now: Int64) throws(StoreError) {
        sent.reset()
        sent.bind(id, at: 1)
        sent.bind(now, at: 2)
        try sent.step()
    }

    /// Records a failed attempt; tries again after a backoff, or gives up once the retry span has
    /// passed since it was made. Returns whether it gave up.
    @discardableResult
    public func markFailed(_ notification: AlertNotification, error: String, at now: Int64) throws(StoreError) -> Bool {
        let backoff = min(retry.longest, retry.first << min(notification.attempts, 30))
        let givingUp = now + backoff - notification.made > retry.giveUpAfter
        failed.reset()
        failed.bind(notification.id, at: 1)
        failed.bind(error, at: 2)
        failed.bind(now + backoff, at: 3)
        failed.bind(givingUp ? now : nil, at: 4)
        try failed.step()
        if givingUp { try StoreCounter.notificationsFailed.add(1, in: db) }
        return givingUp
    }

    /// The web view's records around the moment, when a web view is configured.
    func link(service: String, time: Int64) -> String? {
        guard let webURL else { return nil }
        let base = webURL.hasSuffix("/") ? String(webURL.dropLast()) : webURL
        return base + "/logs?" + URLText.query([("service", service), ("around", Timestamp.rfc3339(time))])
    }
}
