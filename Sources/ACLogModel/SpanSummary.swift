/// Min, average, 95th percentile and max of a metric over a span.
public struct SpanSummary: Sendable, Equatable {
    public var min: Double
    public var avg: Double
    public var p95: Double
    public var max: Double

    public init(min: Double, avg: Double, p95: Double, max: Double) {
        self.min = min
        self.avg = avg
        self.p95 = p95
        self.max = max
    }

    /// Over values; nil when there are none. The percentile is the nearest-rank one.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        self.init(min: sorted[0], avg: values.reduce(0, +) / Double(values.count),
                  p95: Self.percentile(95, ofSorted: sorted), max: sorted[sorted.count - 1])
    }

    /// Combines the summaries of smaller spans, weighting averages by their sample counts. The
    /// p95 of the whole is estimated as the weighted 95th percentile of the parts' p95s: exact
    /// when there is one part, an upper-leaning estimate otherwise.
    public init?(combining parts: [(summary: SpanSummary, weight: Int)]) {
        guard !parts.isEmpty else { return nil }
        let total = parts.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        let byP95 = parts.sorted { $0.summary.p95 < $1.summary.p95 }
        let rank = Int((0.95 * Double(total)).rounded(.up))
        var seen = 0
        var p95 = byP95[byP95.count - 1].summary.p95
        for part in byP95 {
            seen += part.weight
            if seen >= rank {
                p95 = part.summary.p95
                break
            }
        }
        self.init(
            min: parts.map(\.summary.min).min()!,
            avg: parts.reduce(0) { $0 + $1.summary.avg * Double($1.weight) } / Double(total),
            p95: p95,
            max: parts.map(\.summary.max).max()!)
    }

    public static func percentile(_ p: Double, ofSorted sorted: [Double]) -> Double {
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}
