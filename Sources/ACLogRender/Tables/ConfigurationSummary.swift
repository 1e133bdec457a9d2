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
        ] + alerts(c.alerts)
    }

    /// Channels by name and kind, URLs as the file writes them (a secret from the environment
    /// stays `${NAME}`), and each rule in a few words.
    static func alerts(_ a: AlertsConfiguration) -> [String] {
        guard !a.channels.isEmpty || !a.rules.isEmpty else { return ["alerts      none"] }
        let channels = a.channels.map { "\($0.name) (\($0.kind.rawValue) \($0.kind == .exec ? $0.command.joined(separator: " ") : $0.url.shown))" }
        return ["alerts      \(a.rules.count) rule\(a.rules.count == 1 ? "" : "s") notifying " + (channels.isEmpty ? "no channel" : channels.joined(separator: ", "))]
            + a.rules.map { rule in
                let services = rule.services.isEmpty ? "every service" : rule.services.joined(separator: ", ")
                return "  \(rule.name): \(trigger(rule.trigger)) on \(services) -> \(rule.notify.joined(separator: ", "))"
            }
    }

    static func trigger(_ t: AlertRule.Trigger) -> String {
        switch t {
        case .match(let pattern, let level, let stream):
            "messages matching /\(pattern)/" + (level.map { " at \($0.name) or above" } ?? "") + (stream.map { " on \($0.name)" } ?? "")
        case .level(let level): "records at \(level.name) or above"
        case .event(.die(let ignored)): "a container dying (exit codes \(ignored.map(String.init).joined(separator: ", ")) ignored)"
        case .event(.oom): "an OOM kill"
        case .event(.unhealthy): "a failing health check"
        case .event(.restartLoop(let count, let within)): "\(count) restarts within \(StatusText.keep(within))"
        case .event(.deploy): "a deploy"
        case .rate(let rate):
            "\(rate.of.rawValue) over \(StatusText.keep(rate.over)) above "
                + { switch rate.threshold { case .count(let n): "\(n)"; case .baseline(let f): "\(f)x the usual" } }()
        case .newSignature(let days): "a new error signature (not seen in \(days) days)"
        case .resource(.above(let metric, let percent)):
            "\(metric.rawValue) above \(percent.rounded() == percent ? String(Int(percent)) : String(percent))% of its limit"
        case .resource(.memoryLimitWithin(let span)): "memory reaching its limit within \(StatusText.keep(span))"
        case .silence(let span): "no records for \(StatusText.keep(span))"
        }
    }
}
