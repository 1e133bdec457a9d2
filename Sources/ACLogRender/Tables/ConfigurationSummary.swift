import ACLogConfig
import ACLogModel

/// What a valid configuration sets, for `aclog config check`.
public enum ConfigurationSummary {
    public static func lines(_ c: Configuration) -> [String] {
        let keep = StatusText.keep
        let formats = c.parsing.chooser.overrides.sorted { $0.key < $1.key }
            .map { "\($0.key): \($0.value.joined(separator: ", "))" }
        let r = c.retention
        return [
            "\(c.path ?? "defaults"): valid",
            "formats     " + (formats.isEmpty ? "chosen from each container's image and service" : formats.joined(separator: "; ")),
            "multiline   lines \(c.parsing.multiline.idleGap / 1_000_000) ms apart at most, \(c.parsing.multiline.maxLines) lines, \(c.parsing.multiline.maxBytes) bytes",
            "retention   logs \(keep(r.logs)), events \(keep(r.events)), samples \(keep(r.metrics.raw)), per minute \(keep(r.metrics.minute)), per hour \(keep(r.metrics.hour))"
                + (r.maxBytes.map { ", at most \(MetricFormat.bytes(Double($0)))" } ?? ""),
            "sampling    " + (c.sampling.enabled ? "every \(keep(c.sampling.interval))" : "off"),
        ]
    }
}
