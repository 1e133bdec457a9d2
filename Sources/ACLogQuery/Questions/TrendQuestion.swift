import ACLogModel
import ACLogSQLite

/// `aclog trend` and the report's charts: how some metrics moved per service.
public struct TrendQuestion: Sendable {
    /// Services, container names or id prefixes; none: all.
    public var services: [String] = []
    public var metrics: [Metric]
    public var since: Int64
    public var until: Int64
    /// The bucket size; nil: about 60 buckets over the window (`Trend.autoBucket`).
    public var bucket: Int64?
    /// One trend per container instead of the service's total.
    public var perContainer: Bool

    public init(services: [String] = [], metrics: [Metric], since: Int64, until: Int64, bucket: Int64? = nil, perContainer: Bool = false) {
        self.services = services
        self.metrics = metrics
        self.since = since
        self.until = until
        self.bucket = bucket
        self.perContainer = perContainer
    }
}

extension ReadOnlyDatabase {
    /// One trend per service (or container) and metric, read from the tier that fits the buckets and the window's
    /// age: raw samples, or the per-minute or per-hour rollups. Empty when nothing was sampled;
    /// a database from before the metrics schema has no samples at all (`hasMetrics`).
    public func trends(_ question: TrendQuestion, now: Int64 = Timestamp.now()) throws -> [Trend] {
        guard try hasMetrics() else { return [] }
        return try trends(question, containers: try containers(for: question.services), now: now)
    }

    func trends(_ question: TrendQuestion, containers: [Int64], now: Int64) throws(StoreError) -> [Trend] {
        let size = question.bucket ?? Trend.autoBucket(range: question.until - question.since)
        let tier = MetricTier.fitting(bucket: size, since: question.since, now: now, retention: MetricRetention())
        let from = tier.span.map { Timestamp.floor(question.since, to: $0) } ?? question.since
        let rows = try metricRows(tier: tier, containers: containers, since: from, until: question.until, metrics: question.metrics)
        return Trend.build(rows: rows, tier: tier, metrics: question.metrics, bucket: size, perContainer: question.perContainer)
    }
}
