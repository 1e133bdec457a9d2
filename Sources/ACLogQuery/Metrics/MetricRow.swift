import ACLogModel
import ACLogSQLite

/// One row of a metric tier as the `metrics_*` queries return it: a container's span.
public struct MetricRow: Sendable {
    public var container: Int64
    public var containerName: String
    public var service: String
    public var time: Int64
    public var samples: Int
    public var memoryLimit: Double?
    /// Percent of one core; nil when the container has no CPU limit.
    public var cpuLimit: Double?
    public var summaries: MetricSummaries
}

/// A summary per metric, in a fixed array: rows are read by the hundred thousand.
public struct MetricSummaries: Sendable {
    private var values = [SpanSummary?](repeating: nil, count: Metric.allCases.count)

    public subscript(metric: Metric) -> SpanSummary? {
        get { values[metric.ordinal] }
        set { values[metric.ordinal] = newValue }
    }
}

extension ReadOnlyDatabase {
    /// The rows of `tier` for some containers in [since, until), ordered by container and time,
    /// with the summaries of `metrics` (all by default).
    public func metricRows(tier: MetricTier, containers: [Int64], since: Int64, until: Int64,
                           metrics: [Metric] = Metric.allCases) throws(StoreError) -> [MetricRow] {
        let s = try db.prepare(NamedQuery.sql(tier.query))
        try Self.bindWindow(s, containers: containers, since: since, until: until)
        var rows: [MetricRow] = []
        while try s.step() {
            var summaries = MetricSummaries()
            for metric in metrics {
                let base = Int32(5 + metric.ordinal * 4)
                guard !s.isNull(base) else { continue }
                summaries[metric] = SpanSummary(min: s.double(base), avg: s.double(base + 1), p95: s.double(base + 2), max: s.double(base + 3))
            }
            let limitColumn = Int32(5 + Metric.allCases.count * 4)
            rows.append(MetricRow(container: s.int64(0), containerName: s.text(limitColumn + 1), service: s.text(1), time: s.int64(2),
                                  samples: Int(s.int64(3)), memoryLimit: s.optionalDouble(4), cpuLimit: s.optionalDouble(limitColumn),
                                  summaries: summaries))
        }
        return rows
    }

    /// Whether the schema has the metric tiers (a database written by an older aclog may not).
    public func hasMetrics() throws(StoreError) -> Bool {
        try db.hasTable("samples")
    }
}
