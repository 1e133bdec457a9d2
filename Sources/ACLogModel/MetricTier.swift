import ACLogModel

/// Where resource samples are kept: the raw samples, and the per-minute and per-hour rollups.
public enum MetricTier: String, Sendable, CaseIterable {
    case raw
    case minute = "1m"
    case hour = "1h"

    public var table: String {
        switch self {
        case .raw: "samples"
        case .minute: "samples_1m"
        case .hour: "samples_1h"
        }
    }

    /// The named query that reads this tier (all three return the same columns).
    public var query: String { "metrics_" + rawValue }

    /// The span one row covers; raw rows cover one sampling interval.
    public var span: Int64? {
        switch self {
        case .raw: nil
        case .minute: 60 * Timestamp.nanosPerSecond
        case .hour: 3_600 * Timestamp.nanosPerSecond
        }
    }

    /// The coarsest tier whose rows still fit `bucket`, and which still holds data as old as
    /// `since` under `retention`.
    public static func fitting(bucket: Int64, since: Int64, now: Int64, retention: MetricRetention) -> MetricTier {
        let age = now - since
        if bucket >= 3_600 * Timestamp.nanosPerSecond || age > retention.minute { return .hour }
        if bucket >= 60 * Timestamp.nanosPerSecond || age > retention.raw { return .minute }
        return .raw
    }
}

/// How long aclog keeps each kind of data (nanoseconds).
public struct RetentionPolicy: Sendable, Equatable {
    /// Log records, with their search index and per-minute counts; nil keeps them for ever.
    public var logs: Int64? = 30 * 86_400 * Timestamp.nanosPerSecond
    /// Container events and recorded gaps.
    public var events: Int64 = 365 * 86_400 * Timestamp.nanosPerSecond
    public var metrics = MetricRetention()
    /// The most the database may hold, in bytes (as journald's SystemMaxUse): beyond it the
    /// oldest records go first, whatever their age. Nil: no limit.
    public var maxBytes: Int64?

    public init() {}
}

/// How long each metric tier keeps its rows (nanoseconds).
public struct MetricRetention: Sendable, Equatable {
    public var raw: Int64 = 7 * 86_400 * Timestamp.nanosPerSecond
    public var minute: Int64 = 90 * 86_400 * Timestamp.nanosPerSecond
    public var hour: Int64 = 730 * 86_400 * Timestamp.nanosPerSecond

    public init() {}

    public func keep(_ tier: MetricTier) -> Int64 {
        switch tier {
        case .raw: raw
        case .minute: minute
        case .hour: hour
        }
    }
}
