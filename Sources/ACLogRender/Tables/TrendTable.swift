import ACLogModel
import ACLogQuery
import FoundationEssentials

/// `aclog trend`'s terminal form: per service and metric a heading with a sparkline, a table of
/// buckets, and a line with the growth and the peak.
public struct TrendTable {
    package var utc: Bool

    public init(utc: Bool) {
        self.utc = utc
    }

    public func render(_ trends: [Trend], into out: inout some LineSink) {
        for (i, trend) in trends.enumerated() {
            if i > 0 { out.line("") }
            let unit = trend.metric.unit
            let averages = trend.points.map(\.summary.avg)
            out.line("\(trend.service)\(trend.scope.map { " (\($0))" } ?? "") · \(trend.metric.rawValue) · \(DurationText.compact(trend.bucket)) buckets from the \(trend.tier.rawValue) tier  "
                     + Sparkline.of(averages, from: averages.min() ?? 0))
            let table = TextTable(header: ["TIME", "MIN", "AVG", "P95", "MAX", "SAMPLES"])
            let timeWidth = trend.bucket < 60 * Timestamp.nanosPerSecond ? 19 : 16
            for p in trend.points {
                table.add([Timestamp.display(p.time, utc: utc).prefix(timeWidth).description,
                           MetricFormat.text(p.summary.min, unit), MetricFormat.text(p.summary.avg, unit),
                           MetricFormat.text(p.summary.p95, unit), MetricFormat.text(p.summary.max, unit), String(p.samples)])
            }
            for line in table.lines(rightAligned: [1, 2, 3, 4, 5]) { out.line(line) }
            out.line(Self.summary(trend, utc: utc))
        }
    }

    package static func summary(_ trend: Trend, utc: Bool) -> String {
        let unit = trend.metric.unit
        var parts: [String] = []
        if let growth = trend.growthPerDay, let fit = trend.growthFit {
            let text = MetricFormat.growth(perDay: growth, unit, span: trend.span)
            parts.append("growth \(text) (fit \(fit.decimal(places: 2)))")
        }
        var peak = "peak \(MetricFormat.text(trend.peak, unit)) at \(Timestamp.display(trend.peakTime, utc: utc).prefix(16))"
        if let limit = trend.limit, limit > 0 {
            peak += ", \((trend.peak / limit * 100).decimal(places: 0))% of the \(MetricFormat.text(limit, unit)) limit"
        }
        parts.append(peak)
        return parts.joined(separator: " · ")
    }
}

/// `aclog trend -o json`: one object per service and metric.
public enum TrendJSON {
    public static func object(_ t: Trend) -> String {
        let number = { (v: Double?) in v.map { $0.isFinite ? String($0) : "null" } ?? "null" }
        let points = t.points.map { p in
            "{\"time\":\"\(Timestamp.rfc3339(p.time))\",\"min\":\(number(p.summary.min)),\"avg\":\(number(p.summary.avg)),"
                + "\"p95\":\(number(p.summary.p95)),\"max\":\(number(p.summary.max)),\"samples\":\(p.samples)}"
        }
        return "{\"service\":\(JSONString.quoted(t.service)),\"container\":\(t.container.map(JSONString.quoted) ?? "null"),"
            + "\"containers\":\(t.containers),\"metric\":\"\(t.metric.rawValue)\",\"tier\":\"\(t.tier.rawValue)\","
            + "\"bucket_seconds\":\(t.bucket / Timestamp.nanosPerSecond),\"growth_per_day\":\(number(t.growthPerDay)),"
            + "\"growth_fit\":\(number(t.growthFit)),\"peak\":\(number(t.peak)),\"peak_time\":\"\(Timestamp.rfc3339(t.peakTime))\","
            + "\"limit\":\(number(t.limit)),\"points\":[\(points.joined(separator: ","))]}"
    }
}

/// `aclog trend -o csv`: a row per service (or container), metric and bucket.
public enum TrendCSV {
    public static func render(_ trends: [Trend], into out: inout some LineSink) {
        out.line("service,container,metric,time,min,avg,p95,max,samples")
        for trend in trends {
            for p in trend.points {
                out.line("\(CSVField.quoted(trend.service)),\(CSVField.quoted(trend.container ?? "")),\(trend.metric.rawValue),\(Timestamp.rfc3339(p.time)),"
                         + "\(p.summary.min),\(p.summary.avg),\(p.summary.p95),\(p.summary.max),\(p.samples)")
            }
        }
    }
}
