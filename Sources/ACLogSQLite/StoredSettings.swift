import ACLogModel

/// What the collector was told (retention, size limit, sampling interval), kept in the database
/// so that `aclog status` can show it beside what is stored.
public struct StoredSettings: Sendable, Equatable {
    public var retention: RetentionPolicy
    /// Nanoseconds; nil when sampling is off.
    public var statsInterval: Int64?

    public init(retention: RetentionPolicy, statsInterval: Int64?) {
        self.retention = retention
        self.statsInterval = statsInterval
    }

    static let second = Timestamp.nanosPerSecond

    public func write(to db: SQLiteConnection) throws(StoreError) {
        let values: [(String, Int64)] = [
            ("keep_logs", (retention.logs ?? 0) / Self.second),
            ("keep_events", retention.events / Self.second),
            ("keep_samples", retention.metrics.raw / Self.second),
            ("keep_samples_1m", retention.metrics.minute / Self.second),
            ("keep_samples_1h", retention.metrics.hour / Self.second),
            ("max_bytes", retention.maxBytes ?? 0),
            ("stats_interval", (statsInterval ?? 0) / Self.second),
        ]
        let s = try db.prepare(NamedQuery.sql("store/set_setting"))
        for (key, value) in values {
            s.reset()
            s.bind(key, at: 1)
            s.bind(value, at: 2)
            try s.step()
        }
    }

    /// Nil when no collector has written them yet.
    public static func read(from db: SQLiteConnection) throws(StoreError) -> StoredSettings? {
        // A database of schema 4 or older has no settings yet.
        guard try db.hasTable("settings") else { return nil }
        let s = try db.prepare(NamedQuery.sql("settings"))
        var values: [String: Int64] = [:]
        while try s.step() { values[s.text(0)] = s.int64(1) }
        guard !values.isEmpty else { return nil }
        var retention = RetentionPolicy()
        let seconds = { (key: String) in values[key].map { $0 * second } }
        retention.logs = values["keep_logs"] == 0 ? nil : seconds("keep_logs") ?? retention.logs
        retention.events = seconds("keep_events") ?? retention.events
        retention.metrics.raw = seconds("keep_samples") ?? retention.metrics.raw
        retention.metrics.minute = seconds("keep_samples_1m") ?? retention.metrics.minute
        retention.metrics.hour = seconds("keep_samples_1h") ?? retention.metrics.hour
        retention.maxBytes = values["max_bytes"].flatMap { $0 > 0 ? $0 : nil }
        let interval = values["stats_interval"].flatMap { $0 > 0 ? $0 * second : nil }
        return StoredSettings(retention: retention, statsInterval: interval)
    }
}
