import ACLogModel
import ACLogQuery
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small line chart as inline SVG (no scripts, no external assets): the bucket averages as a
/// line over a band from min to max, the axis from zero, and for memory the limit when it is
/// near enough to matter. `data-points` on the root says how many points the line has.
public struct SVGChart {
    public var width = 640.0
    public var height = 150.0
    package let left = 64.0, right = 10.0, top = 10.0, bottom = 22.0

    public init() {}

    public func render(_ trend: Trend, from: Int64, to: Int64, utc: Bool) -> String {
        let unit = trend.metric.unit
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        var yMax = trend.points.map(\.summary.max).max() ?? 0
        let limit = trend.limit.flatMap { $0 <= yMax * 1.5 ? $0 : nil }
        if let limit { yMax = max(yMax, limit) }
        yMax = unit == .bytes || unit == .bytesPerSecond ? Self.roundUpBytes(max(yMax, 1)) : Self.roundUp(max(yMax, 1))
        let span = Double(max(1, to - from))
        func x(_ t: Int64) -> Double { left + Double(t + trend.bucket / 2 - from) / span * plotWidth }
        func y(_ v: Double) -> Double { top + plotHeight - min(v, yMax) / yMax * plotHeight }
        func f(_ v: Double) -> String { v.decimal(places: 1) }

        let label = "\(trend.service) \(trend.metric.rawValue)"
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\""
            + " data-service=\"\(trend.service.htmlEscaped)\" data-metric=\"\(trend.metric.rawValue)\" data-points=\"\(trend.points.count)\""
            + " role=\"img\" aria-label=\"\(label.htmlEscaped)\">"
        svg += "<title>\(label.htmlEscaped): average per \(DurationText.spaced(trend.bucket)), band from min to max</title>"
        for fraction in [0.0, 0.5, 1.0] {
            let v = yMax * fraction
            svg += "<line class=\"grid\" x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\"/>"
            svg += "<text class=\"axis\" x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(Self.axisLabel(v, unit).htmlEscaped)</text>"
        }
        svg += "<text class=\"axis\" x=\"\(f(left))\" y=\"\(f(height - 6))\">\(Self.time(from, utc: utc).htmlEscaped)</text>"
        svg += "<text class=\"axis\" x=\"\(f(width - right))\" y=\"\(f(height - 6))\" text-anchor=\"end\">\(Self.time(to, utc: utc).htmlEscaped)</text>"
        if !trend.points.isEmpty {
            let upper = trend.points.map { "\(f(x($0.time))),\(f(y($0.summary.max)))" }
            let lower = trend.points.reversed().map { "\(f(x($0.time))),\(f(y($0.summary.min)))" }
            svg += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\"/>"
            let line = trend.points.map { "\(f(x($0.time))),\(f(y($0.summary.avg)))" }
            svg += "<polyline class=\"series-avg\" points=\"\(line.joined(separator: " "))\"/>"
            // A line needs two points: a lone one is drawn as a dot.
            if let only = trend.points.first, trend.points.count == 1 {
                svg += "<circle class=\"series-point\" cx=\"\(f(x(only.time)))\" cy=\"\(f(y(only.summary.avg)))\" r=\"3\"/>"
            }
        }
        if let limit {
            svg += "<line class=\"limit\" x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(limit)))\" y2=\"\(f(y(limit)))\"/>"
            svg += "<text class=\"axis limit-label\" x=\"\(f(width - right - 4))\" y=\"\(f(y(limit) - 4))\" text-anchor=\"end\">limit \(MetricFormat.text(limit, unit).htmlEscaped)</text>"
        }
        return svg + "</svg>"
    }

    /// 1, 2 or 5 times a power of ten, at least `value`.
    package static func roundUp(_ value: Double) -> Double {
        let power = pow(10, floor(log10(value)))
        for step in [1.0, 2.0, 5.0, 10.0] where step * power >= value { return step * power }
        return 10 * power
    }

    /// The same in the binary unit that suits `value`: 1, 2 or 5 times a power of ten of KiB, MiB, ...,
    /// and the next unit rather than 1000 of one (`1 MiB`, not `1000 KiB`).
    package static func roundUpBytes(_ value: Double) -> Double {
        var scale = 1.0
        while value / scale >= 1024 { scale *= 1024 }
        let rounded = roundUp(value / scale)
        return rounded >= 1000 ? 1024 * scale : rounded * scale
    }

    /// An axis value without a decimal that says nothing: `512 KiB`, `1 MiB`, `2.5 MiB`, `50%`.
    package static func axisLabel(_ value: Double, _ unit: Metric.Unit) -> String {
        let text = MetricFormat.text(value, unit)
        guard let dot = text.firstIndex(of: "."), text[dot...].hasPrefix(".0"),
              text.index(dot, offsetBy: 2) == text.endIndex || !text[text.index(dot, offsetBy: 2)].isNumber else { return text }
        return String(text[..<dot]) + text[text.index(dot, offsetBy: 2)...]
    }

    package static func time(_ t: Int64, utc: Bool) -> String { String(Timestamp.display(t, utc: utc).prefix(16)) }
}
