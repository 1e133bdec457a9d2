import ACLogModel
import ACLogQuery
import ACLogSQLite

/// Judges what the collector stores against the alert rules, inside the transaction that stores
/// it: records as they are written (`match`, `level`, `new_signature`), container events
/// (`event`), and once a second the conditions that last (`rate`, `silence`, `resource`). What
/// fires is grouped by its alert (rule, service, and the error signature of `match` and
/// `new_signature`, the container of `resource`): the first occurrence makes a notification that
/// waits `groupWait` for more to fold in, later ones within the cooldown are counted, and the
/// count goes out with the next notification (`tick`).
///
/// Lines and events from before the collector started, or older than `backlogAge` when they are
/// stored, were written while it was away or could not keep up: they are told in one summary per
/// rule, after `backlogWait`, not as news.
public final class AlertEngine {
    public struct Timing: Sendable {
        public var groupWait: Int64 = 500_000_000
        public var backlogAge: Int64 = 60 * Timestamp.nanosPerSecond
        public var backlogWait: Int64 = 5 * Timestamp.nanosPerSecond
        public init() {}
    }

    let rules: [WatchedRule]
    let records: RecordJudge
    let book: AlertBook
    let timing: Timing
    private var activity: ServiceActivity
    private var timed: TimedJudge
    /// When this collector started.
    public let started: Int64

    /// Throws a `StoreError`, or `ExtendedRegex.Invalid` for a rule `aclog config check` refuses.
    public init(rules: [AlertRule], db: SQLiteConnection, timing: Timing = Timing(), now: Int64) throws {
        var watched: [WatchedRule] = []
        for rule in rules { watched.append(try WatchedRule(rule)) }
        self.rules = watched
        let days = rules.compactMap { if case .newSignature(let days) = $0.trigger { days } else { nil } }.max()
        let signatures = try days.map { days throws(StoreError) in
            try SignatureMemory(db: db, since: now - Int64(days) * 86_400 * Timestamp.nanosPerSecond, until: now)
        }
        records = RecordJudge(watched, signatures: signatures)
        self.timing = timing
        started = now
        book = try AlertBook(db: db)
        let longest: Int64 = rules.compactMap { if case .rate(let rate) = $0.trigger { rate.over } else { nil } }.max() ?? 0
        activity = ServiceActivity(keep: longest)
        timed = TimedJudge(baselines: try RateBaselines(db: db))
        try rememberStarts(db: db, now: now)
    }

    /// Restart loops span collector restarts: the starts within each loop rule's span are read back.
    private func rememberStarts(db: SQLiteConnection, now: Int64) throws(StoreError) {
        for rule in rules {
            guard case .event(.restartLoop(_, let within)) = rule.rule.trigger else { continue }
            let s = try db.prepare(NamedQuery.sql("store/alert_recent_starts"))
            s.bind(now - within, at: 1)
            var starts: [String: [Int64]] = [:]
            while try s.step() { starts[s.text(0), default: []].append(s.int64(1)) }
            for (service, times) in starts { rule.judge?.remember(starts: times, service: service) }
        }
    }

    /// A container the collector follows: running or not, for `silence`; its service's silence
    /// counts from now if it wrote nothing yet.
    public func registered(_ container: ContainerInfo, now: Int64) {
        activity.registered(container, at: now)
    }

    /// A container's CPU limit in percent of one core (nil: none), for `resource` rules.
    public func setCPULimit(_ limit: Double?, container: String) {
        activity.cpuLimits[container] = limit
    }

    /// Judges a committed batch's records (with their containers), its new events and its
    /// resource samples. Returns whether a notification was made.
    @discardableResult
    public func judge(records: [(container: ContainerInfo, records: [LogRecord])], events: [ContainerEvent],
                      samples: [(container: ContainerInfo, sample: MetricSample)] = [], now: Int64) throws(StoreError) -> Bool {
        var found = [[Occurrence]](repeating: [], count: rules.count)
        for (container, records) in records {
            self.records.judge(records, of: container, into: &found)
            activity.saw(records, of: container)
        }
        for event in events { activity.saw(event) }
        for (container, sample) in samples { activity.saw(sample, of: container) }
        var made = false
        for (index, rule) in rules.enumerated() {
            for event in events where rule.watches(event.container) {
                if let occurrence = rule.judge(event) { found[index].append(occurrence) }
            }
            for occurrence in found[index].indices where found[index][occurrence].time < started || now - found[index][occurrence].time > timing.backlogAge {
                found[index][occurrence].backlog = true
            }
            if try apply(found[index], of: rule, now: now) { made = true }
        }
        return made
    }

    /// Occurrences of one rule, in the order they happened, grouped by their alert.
    private func apply(_ found: [Occurrence], of watched: WatchedRule, now: Int64) throws(StoreError) -> Bool {
        guard !found.isEmpty else { return false }
        let rule = watched.rule
        var groups: [AlertBook.Key: [Occurrence]] = [:]
        var order: [AlertBook.Key] = []
        for occurrence in found.sorted(by: { $0.time < $1.time }) {
            let key = occurrence.backlog
                ? AlertBook.Key(rule: rule.name, service: "", signature: "catch-up")
                : AlertBook.Key(rule: rule.name, service: occurrence.service, signature: occurrence.key)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(occurrence)
        }
        var made = false
        for key in order {
            let update = AlertUpdate(rule: rule, isHeld: watched.isHeld, key: key, book: book, now: now, timing: timing)
            if try update.apply(groups[key]!) { made = true }
        }
        return made
    }

    /// Once a second: the conditions that last are judged; repeats counted within a cooldown that
    /// has now passed go out in a notification of their own; instant alerts quiet for a cooldown
    /// stop firing. Returns whether a notification was made.
    @discardableResult
    public func tick(now: Int64) throws(StoreError) -> Bool {
        var made = false
        activity.prune(now: now)
        let found = try timed.judge(rules, activity: activity, book: book, now: now)
        for (index, occurrences) in found.enumerated() where !occurrences.isEmpty {
            if try apply(occurrences, of: rules[index], now: now) { made = true }
        }
        for (key, alert) in book.alerts {
            guard let rule = rules.first(where: { $0.rule.name == key.rule }) else { continue }
            let update = AlertUpdate(rule: rule.rule, isHeld: rule.isHeld, key: key, book: book, now: now, timing: timing)
            if try update.tick(alert) { made = true }
        }
        return made
    }

    /// The notifications handed to their channels: later repeats no longer fold into them.
    public func handedOver(_ ids: Set<Int64>) {
        book.handedOver(ids)
    }
}
