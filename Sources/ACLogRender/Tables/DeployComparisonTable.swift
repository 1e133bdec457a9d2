import ACLogModel
import ACLogQuery

/// `aclog trend --compare deploy`: per service and metric, the average and the peak after the
/// deploy and as long before it.
public struct DeployComparisonTable {
    public var after: [Trend]
    public var before: [Trend]
    public var span: String

    public init(after: [Trend], before: [Trend], span: String) {
        self.after = after
        self.before = before
        self.span = span
    }

    public func render(into out: inout some LineSink) {
        let table = TextTable(header: ["SERVICE", "METRIC", "AVG AFTER", "AVG BEFORE", "CHANGE", "PEAK AFTER", "PEAK BEFORE"])
        let keys = Set((after + before).map { "\($0.service)\u{0}\($0.metric.rawValue)" }).sorted()
        for key in keys {
            let parts = key.split(separator: "\u{0}").map(String.init)
            let now = after.first { $0.service == parts[0] && $0.metric.rawValue == parts[1] }
            let then = before.first { $0.service == parts[0] && $0.metric.rawValue == parts[1] }
            let metric = (now ?? then)!.metric
            let avgNow = ServiceSection.window(now)?.avg, avgThen = ServiceSection.window(then)?.avg
            let text = { (v: Double?) in v.map { MetricFormat.text($0, metric.unit) } ?? "-" }
            var change = "-"
            if let avgNow, let avgThen, avgThen > 0 {
                let ratio = (avgNow / avgThen - 1) * 100
                change = (ratio >= 0 ? "+" : "") + ratio.decimal(places: 0) + "%"
            }
            table.add([parts[0], metric.rawValue, text(avgNow), text(avgThen), change, text(now?.peak), text(then?.peak)])
        }
        for line in table.lines(rightAligned: [2, 3, 4, 5, 6]) { out.line(line) }
    }
}
