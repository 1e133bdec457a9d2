import ACLogModel
import ACLogSQLite

/// The numbers behind `aclog trend` and the report: for one service and metric, a summary per
/// bucket, and over the whole window the growth per day and the peak against the limit.
public struct Trend: Sendable {
    public struct Point: Sendable, Equatable {
        public var time: Int64
        public var summary: SpanSummary
        public var samples: Int
    }

    public var service: String
    public var metric: Metric
    public var tier: MetricTier
    public var bucket: Int64
    public var points: [Point]
    /// Least-squares slope of the bucket averages, per day; nil with fewer than two buckets.
    public var growthPerDay: Double?
    /// How well a straight line explains the averages (R², 0...1): a steady climb is near 1.
    public var growthFit: Double?
    public var peak: Double
    /// The start of the tier row that held the peak.
    public var peakTime: Int64
    /// The limit at the window's last sample: for `mem` the one Docker reported, for `cpu` the
    /// container's CPU limit (percent of one core); nil for other metrics and for containers
    /// without one.
    public var limit: Double?

    /// From the first point to the last.
    public var span: Int64 { (points.last?.time ?? 0) - (points.first?.time ?? 0) }

    /// Buckets of `bucket` nanoseconds from the rows of one tier; one trend per service and metric.
    public static func build(rows: [MetricRow], tier: MetricTier, metrics: [Metric], bucket: Int64) -> [Trend] {
        var trends: [Trend] = []
        let byService = Dictionary(grouping: rows, by: \.service)
        for (service, serviceRows) in byService.sorted(by: { $0.key < $1.key }) {
            for metric in metrics {
                if let trend = build(service: service, rows: serviceRows, tier: tier, metric: metric, bucket: bucket) {
                    trends.append(trend)
                }
            }
        }
        return trends
    }

    static func build(service: String, rows: [MetricRow], tier: MetricTier, metric: Metric, bucket: Int64) -> Trend? {
        var parts: [Int64: [(summary: SpanSummary, weight: Int)]] = [:]
        var peak: (value: Double, time: Int64)?
        var limit: Double?
        var limitTime = Int64.min
        for row in rows {
            guard let summary = row.summaries[metric] else { continue }
            let start = row.time - ((row.time % bucket) + bucket) % bucket
            parts[start, default: []].append((summary, max(1, row.samples)))
            if peak == nil || summary.max > peak!.value { peak = (summary.max, row.time) }
            let rowLimit = metric == .mem ? row.memoryLimit : metric == .cpu ? row.cpuLimit : nil
            // The limit now: `docker update` may have changed it during the window.
            if row.time > limitTime {
                (limit, limitTime) = (rowLimit, row.time)
            } else if row.time == limitTime, let rowLimit {
                limit = max(limit ?? 0, rowLimit)
            }
        }
        guard let peak else { return nil }
        let points = parts.keys.sorted().compactMap { start in
            SpanSummary(combining: parts[start]!).map { Point(time: start, summary: $0, samples: parts[start]!.reduce(0) { $0 + $1.weight }) }
        }
        let fit = LinearFit(points.map { (Double($0.time) / 1e9, $0.summary.avg) })
        return Trend(service: service, metric: metric, tier: tier, bucket: bucket, points: points,
                     growthPerDay: fit.map { $0.slope * 86_400 }, growthFit: fit?.r2,
                     peak: peak.value, peakTime: peak.time, limit: limit)
    }

    /// A bucket size giving about 60 points over `range`, from a ladder of round sizes.
    public static func autoBucket(range: Int64) -> Int64 {
        let s = Timestamp.nanosPerSecond
        let ladder: [Int64] = [10 * s, 60 * s, 300 * s, 900 * s, 3_600 * s, 6 * 3_600 * s, 86_400 * s]
        return ladder.first { range / $0 <= 60 } ?? ladder[ladder.count - 1]
    }
}

/// Least squares through (x, y) points.
struct LinearFit {
    var slope: Double
    var r2: Double

    init?(_ points: [(Double, Double)]) {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.0 } / n
        let my = points.reduce(0) { $0 + $1.1 } / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in points {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
            syy += (y - my) * (y - my)
        }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        r2 = syy == 0 ? 0 : (sxy * sxy) / (sxx * syy)
    }
}
