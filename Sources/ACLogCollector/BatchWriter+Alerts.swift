import ACLogAlerts
import ACLogModel
import ACLogSQLite
import ACLogStore

/// The alerts' part of the writer: the engine judges each commit in its transaction, and the
/// outbox it fills is read and marked here, so alert state, notifications and records never
/// disagree after a crash.
struct WriterAlerts {
    var engine: AlertEngine
    let outbox: AlertOutbox
    let rules: [AlertRule]
    let timing: AlertEngine.Timing
    /// Tells the notifier that something may be due.
    let wake: @Sendable () -> Void
    var lastTick: Int64 = 0
}

extension BatchWriter: NotificationQueue {
    /// Judges every later commit against `rules`; `wake` hears when a notification is made.
    public func watchAlerts(rules: [AlertRule], webURL: String?, timing: AlertEngine.Timing = AlertEngine.Timing(),
                            retry: AlertOutbox.Retry = AlertOutbox.Retry(), wake: @escaping @Sendable () -> Void) throws {
        let now = Timestamp.now()
        alerts = WriterAlerts(
            engine: try AlertEngine(rules: rules, db: store.db, timing: timing, now: now),
            outbox: try AlertOutbox(db: store.db, rules: rules, webURL: webURL, retry: retry),
            rules: rules, timing: timing, wake: wake)
    }

    /// Links in notifications lead to the web view at `url`.
    public func linkAlerts(to url: String) {
        alerts?.outbox.webURL = url
    }

    /// In the commit's transaction: the batch's records and new events against the rules, and once
    /// a second the follow-ups of cooldowns that ended. Returns whether a notification was made.
    func judgeAlerts(_ batch: WriteBatch, newEvents: [ContainerEvent], now: Int64) throws(StoreError) -> Bool {
        guard var watch = alerts else { return false }
        let records = batch.logs.values.compactMap { logs in containers[logs.row].map { (container: $0, records: logs.records) } }
        let samples = batch.samples.compactMap { row, sample in containers[row].map { (container: $0, sample: sample) } }
        var made = try watch.engine.judge(records: records, events: newEvents, samples: samples, now: now)
        if now - watch.lastTick >= Timestamp.nanosPerSecond {
            if try watch.engine.tick(now: now) { made = true }
            watch.lastTick = now
        }
        alerts = watch
        return made
    }

    /// A commit that failed took the alerts' writes with it: the engine starts again from what
    /// the database holds (as of this run's start, which tells the backlog from news).
    func alertsRolledBack() {
        guard let watch = alerts else { return }
        if let engine = try? AlertEngine(rules: watch.rules, db: store.db, timing: watch.timing, now: watch.engine.started) {
            for container in containers.values { engine.registered(container, now: watch.engine.started) }
            alerts?.engine = engine
        }
    }

    public func dueNotifications(now: Int64) -> [(notification: AlertNotification, lines: [String])] {
        guard let watch = alerts, failure == nil, let due = try? watch.outbox.due(now: now) else { return [] }
        watch.engine.handedOver(Set(due.map(\.notification.id)))
        return due
    }

    public func nextNotificationDue() -> Int64? {
        (try? alerts?.outbox.nextDue()) ?? nil
    }

    public func notificationSent(_ id: Int64, at now: Int64) {
        try? alerts?.outbox.markSent(id, at: now)
    }

    public func notificationFailed(_ notification: AlertNotification, reason: String, at now: Int64) -> Bool {
        (try? alerts?.outbox.markFailed(notification, error: reason, at: now)) ?? false
    }
}
