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
    /// The container this trend is of (`perContainer`); nil: the service's total.
    public var container: String?
    /// The most containers sampled at one time: above 1, the figures are their sums.
    public var containers: Int

    /// What the figures are of, in words: "total of 3 containers", "container api-2", or nil
    /// for the one container of a service.
    public var scope: String? {
        if let container { return "container \(container)" }
        return containers > 1 ? "total of \(containers) containers" : nil
    }

    /// From the first point to the last.
    public var span: Int64 { (points.last?.time ?? 0) - (points.first?.time ?? 0) }

    /// Buckets of `bucket` nanoseconds from the rows of one tier; one trend per service and metric,
    /// of the service's total, or with `perContainer` one per container.
    public static func build(rows: [MetricRow], tier: MetricTier, metrics: [Metric], bucket: Int64, perContainer: Bool = false) -> [Trend] {
        var trends: [Trend] = []
        let byService = Dictionary(grouping: rows, by: \.service)
        for (service, serviceRows) in byService.sorted(by: { $0.key < $1.key }) {
            let groups = perContainer
                ? Dictionary(grouping: serviceRows, by: \.container).values.sorted { ($0[0].containerName, $0[0].container) < ($1[0].containerName, $1[0].container) }
                : [serviceRows]
            for group in groups {
                for metric in metrics {
                    let instants = ServiceInstant.sum(group, metric: metric)
                    guard var trend = build(service: service, instants: instants, tier: tier, metric: metric, bucket: bucket) else { continue }
                    if perContainer { trend.container = group[0].containerName }
                    trends.append(trend)
                }
            }
        }
        return trends
    }

    static func build(service: String, instants: [ServiceInstant], tier: MetricTier, metric: Metric, bucket: Int64) -> Trend? {
        guard let peak = instants.max(by: { $0.summary.max < $1.summary.max }) else { return nil }
        let parts = Dictionary(grouping: instants) { Timestamp.floor($0.time, to: bucket) }
        let points = parts.keys.sorted().compactMap { start in
            let part = parts[start]!
            return SpanSummary(combining: part.map { ($0.summary, $0.samples) })
                .map { Point(time: start, summary: $0, samples: part.reduce(0) { $0 + $1.samples }) }
        }
        let fit = LinearFit(points.map { (Double($0.time) / 1e9, $0.summary.avg) })
        // The limit now: `docker update` may have changed it during the window.
        return Trend(service: service, metric: metric, tier: tier, bucket: bucket, points: points,
                     growthPerDay: fit.map { $0.slope * 86_400 }, growthFit: fit?.r2,
                     peak: peak.summary.max, peakTime: peak.time, limit: instants.last?.limit,
                     containers: instants.map(\.containers).max() ?? 1)
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
