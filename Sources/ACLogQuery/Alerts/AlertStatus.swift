import ACLogModel
import ACLogSQLite

/// `aclog alerts`: what is firing, and what was notified: fired, resolved, sent, waiting, failed.
public struct AlertStatus: Sendable, Equatable {
    public struct Open: Sendable, Equatable {
        public var rule: String
        /// Empty for a summary of what was written while the collector was away.
        public var service: String
        /// The error signature of a `match` alert; empty for others.
        public var signature: String
        /// `firing`, or `quiet`/`resolved` with repeats still to be told.
        public var state: String
        public var container: String?
        public var firstTime: Int64
        public var lastTime: Int64
        public var occurrences: Int
        /// Repeats counted within the cooldown, told by the next notification.
        public var unsent: Int
    }

    public struct Notification: Sendable, Equatable {
        public enum Delivery: Sendable, Equatable {
            case sent(Int64)
            /// Not sent yet: due then (after the group wait, or a failed attempt's backoff).
            case waiting(due: Int64)
            case failed(Int64)
        }
        public var rule: String
        public var service: String
        public var channel: String
        public var state: String
        public var made: Int64
        public var time: Int64
        public var container: String?
        public var summary: String
        public var count: Int
        public var attempts: Int
        public var delivery: Delivery
        /// The last failed attempt's reason.
        public var error: String?
    }

    public var open: [Open]
    public var history: [Notification]
}

extension ReadOnlyDatabase {
    /// The open alerts and up to `limit` notifications made in [since, until). A database no
    /// collector with alerts has written has neither.
    public func alertStatus(since: Int64, until: Int64, limit: Int = 200) throws(StoreError) -> AlertStatus {
        guard try db.hasTable("alerts") else { return AlertStatus(open: [], history: []) }
        var open: [AlertStatus.Open] = []
        let o = try db.prepare(NamedQuery.sql("alerts_open"))
        while try o.step() {
            open.append(AlertStatus.Open(rule: o.text(0), service: o.text(1), signature: o.text(2), state: o.text(3), container: o.optionalText(4),
                                         firstTime: o.int64(5), lastTime: o.int64(6), occurrences: Int(o.int64(7)), unsent: Int(o.int64(8))))
        }
        var history: [AlertStatus.Notification] = []
        let h = try db.prepare(NamedQuery.sql("alert_history"))
        try h.bind(since, named: ":since")
        try h.bind(until, named: ":until")
        try h.bind(Int64(limit), named: ":limit")
        while try h.step() {
            let delivery: AlertStatus.Notification.Delivery = !h.isNull(10) ? .sent(h.int64(10)) : !h.isNull(11) ? .failed(h.int64(11)) : .waiting(due: h.int64(12))
            history.append(AlertStatus.Notification(
                rule: h.text(0), service: h.text(1), channel: h.text(2), state: h.text(3), made: h.int64(4), time: h.int64(5),
                container: h.optionalText(6), summary: h.text(7), count: Int(h.int64(8)), attempts: Int(h.int64(9)),
                delivery: delivery, error: h.optionalText(13)))
        }
        return AlertStatus(open: open, history: history)
    }
}
