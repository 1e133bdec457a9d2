import ACLogModel
import ACLogQuery
import FoundationEssentials

/// Metric values as people read them: `49.8%`, `512.0 MiB`, `1.2 MiB/s`, `12`.
public enum MetricFormat {
    public static func text(_ value: Double, _ unit: Metric.Unit) -> String {
        switch unit {
        case .percent: value.decimal(places: 1) + "%"
        case .bytes: bytes(value)
        case .bytesPerSecond: bytes(value) + "/s"
        case .count: value.rounded() == value ? String(Int64(value)) : value.decimal(places: 1)
        }
    }

    public static func bytes(_ value: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = abs(value)
        var i = 0
        while v >= 1024 && i < units.count - 1 {
            v /= 1024
            i += 1
        }
        let sign = value < 0 ? "-" : ""
        return i == 0 ? "\(sign)\(Int64(v.rounded())) B" : "\(sign)\(v.decimal(places: 1)) \(units[i])"
    }

    /// A trend's growth: per day when its points span a day or more, else per hour (a rate per
    /// day from minutes of data would be an extrapolation).
    public static func growth(perDay: Double, _ unit: Metric.Unit, span: Int64) -> String {
        span >= 86_400 * Timestamp.nanosPerSecond ? growth(perDay, unit, per: "day") : growth(perDay / 24, unit, per: "h")
    }

    /// A change per day or hour, signed: `+12.3 MiB/day`.
    public static func growth(_ change: Double, _ unit: Metric.Unit, per period: String) -> String {
        let magnitude: String
        switch unit {
        case .percent: magnitude = abs(change).decimal(places: 2) + " points"
        case .bytes, .bytesPerSecond: magnitude = text(abs(change), unit)
        case .count: magnitude = abs(change).decimal(places: 1)
        }
        return (change < 0 ? "-" : "+") + magnitude + "/" + period
    }
}
