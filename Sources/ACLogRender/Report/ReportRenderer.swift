import ACLogModel
import ACLogQuery
import FoundationEssentials

/// Renders a report through the templates of `dashboards/` (built into the binary): HTML with
/// inline SVG charts, Markdown and plain text for mail.
public struct ReportRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case html, md, text

        var template: String {
            switch self {
            case .html: "report.html"
            case .md: "report.md"
            case .text: "report.txt"
            }
        }
    }

    public var utc: Bool

    public init(utc: Bool) {
        self.utc = utc
    }

    public func render(_ report: Report, as format: Format) throws -> String {
        guard let source = EmbeddedTemplates.templates[format.template] else {
            preconditionFailure("dashboards/\(format.template).mustache is not embedded; the build plugin did not run")
        }
        let template = try ReportTemplate(source)
        return template.render(ReportContext(utc: utc, charts: format == .html).values(report))
    }
}

/// The report as the values the templates name, formatted for people.
package struct ReportContext {
    package var utc: Bool
    package var charts: Bool

    package func values(_ report: Report) -> [String: Any] {
        let length = report.until - report.since
        return [
            "since": time(report.since), "until": time(report.until), "generated": time(report.generated),
            "length": DurationText.spaced(length), "bucket": DurationText.spaced(report.chartBucket),
            "services": report.services.map { service($0, report) },
            "has_services": !report.services.isEmpty,
            "new_signatures": report.newSignatures.map { ["service": $0.service, "count": $0.count, "signature": $0.signature] },
            "has_new_signatures": !report.newSignatures.isEmpty,
            "noisiest": noisiest(report),
            "gaps": report.gaps.map(gap),
            "has_gaps": !report.gaps.isEmpty,
            "coverage": coverage(report.coverage),
            "downtimes": report.coverage.betweenRuns.map(downtime),
            "has_leaks": report.services.contains(where: \.memoryLooksLikeALeak),
            "leak_rule": ServiceSection.leakRule,
        ]
    }

    package func service(_ s: ServiceSection, _ report: Report) -> [String: Any] {
        var v: [String: Any] = ["name": s.service, "id": Self.anchor(s.service)]
        // Replicas: the figures are the containers' sums, and say so.
        if let scope = (s.cpu ?? s.memory)?.scope { v["resource_scope"] = scope }
        for (key, trend) in [("cpu", s.cpu), ("mem", s.memory)] {
            guard let trend, let window = ServiceSection.window(trend) else {
                v["has_\(key)"] = false
                continue
            }
            let unit = trend.metric.unit
            v["has_\(key)"] = true
            v["\(key)_points"] = trend.points.count
            v["\(key)_avg"] = MetricFormat.text(window.avg, unit)
            v["\(key)_p95"] = MetricFormat.text(window.p95, unit)
            v["\(key)_peak"] = MetricFormat.text(trend.peak, unit)
            v["\(key)_peak_time"] = time(trend.peakTime)
            v["\(key)_sparkline"] = Sparkline.of(trend.points.map(\.summary.avg), from: trend.metric == .mem ? window.min : 0)
            if charts { v["\(key)_chart"] = SVGChart().render(trend, from: report.since, to: report.until, utc: utc) }
        }
        for (key, trend) in [("cpu", s.cpu), ("mem", s.memory)] {
            guard let trend, let limit = trend.limit, limit > 0 else { continue }
            v["\(key)_limit"] = MetricFormat.text(limit, trend.metric.unit)
            v["\(key)_peak_share"] = (trend.peak / limit * 100).decimal(places: 0) + "%"
        }
        if let memory = s.memory {
            if let growth = s.memoryGrowthPerDay { v["mem_growth"] = MetricFormat.growth(perDay: growth, .bytes, span: memory.span) }
            v["leak"] = s.memoryLooksLikeALeak
        }
        let exits = s.events.exits.sorted { $0.key < $1.key }.map { "\($0.key)" + ($0.value > 1 ? " ×\($0.value)" : "") }
        v["restarts"] = s.events.restarts
        v["oom_kills"] = s.events.oomKills
        v["restarts_text"] = Plural.count(s.events.restarts, "restart")
        v["oom_kills_text"] = Plural.count(s.events.oomKills, "OOM kill")
        v["records_text"] = Plural.count(s.errors.records, "record")
        v["errors_text"] = Plural.count(s.errors.errors, "error")
        v["requests_text"] = Plural.count(s.errors.requests, "request")
        v["unhealthy"] = s.events.unhealthy
        v["exit_codes"] = exits.isEmpty ? "none" : exits.joined(separator: ", ")
        v["troubled"] = s.events.restarts > 0 || s.events.oomKills > 0 || s.events.unhealthy > 0
        if let change = s.deploy {
            v["has_deploy"] = true
            v["deploy_time"] = time(change.deploy.time)
            v["deploy_images"] = change.deploy.images
            v["deploy_error_rate"] = Self.percent(change.after?.errorRate, of: change.after?.records ?? 0)
            v["deploy_error_rate_before"] = Self.percent(change.before?.errorRate, of: change.before?.records ?? 0)
            v["deploy_new_signatures"] = change.newSignatures.map { ["signature": $0.signature, "count": $0.count] as [String: Any] }
        }
        v["records"] = s.errors.records
        v["errors"] = s.errors.errors
        v["error_rate"] = Self.percent(s.errors.errorRate, of: s.errors.records)
        v["error_rate_before"] = Self.percent(s.previousErrors?.errorRate, of: s.previousErrors?.records ?? 0)
        v["error_change"] = Self.change(s.errors.errorRate, s.previousErrors?.errorRate, now: s.errors.records, before: s.previousErrors?.records ?? 0)
        v["requests"] = s.errors.requests
        v["server_error_rate"] = Self.percent(s.errors.serverErrorRate, of: s.errors.requests)
        v["server_error_rate_before"] = Self.percent(s.previousErrors?.serverErrorRate, of: s.previousErrors?.requests ?? 0)
        v["server_error_change"] = Self.change(s.errors.serverErrorRate, s.previousErrors?.serverErrorRate,
                                               now: s.errors.requests, before: s.previousErrors?.requests ?? 0)
        return v
    }

    package func noisiest(_ report: Report) -> [[String: Any]] {
        let total = report.noisiest.reduce(0) { $0 + $1.records }
        return report.noisiest.map { n in
            ["service": n.service, "records": n.records, "records_text": Plural.count(n.records, "record"),
             "share": total == 0 ? "-" : (Double(n.records) / Double(total) * 100).decimal(places: 0) + "%",
             "bar": Sparkline.bar(Double(n.records), of: Double(report.noisiest.first?.records ?? 1), width: 20)]
        }
    }

    /// What the period's coverage was, in one sentence a reader can check.
    package func coverage(_ c: CollectorCoverage) -> String {
        let length = c.until - c.since
        guard let firstRun = c.firstRun else {
            return "No collector ran on this database (its records were imported): what may be missing from them cannot be said."
        }
        if c.isWhole { return "The collector ran through the whole period." }
        let share = length > 0 ? Double(c.observed) / Double(length) * 100 : 0
        var text = "The collector ran for \(DurationText.elapsed(c.observed)) of the \(DurationText.elapsed(length)) (\(share.decimal(places: share < 10 ? 1 : 0))%)"
        if firstRun > c.since {
            text += "; it first ran on this database at \(time(firstRun)), and has no resource samples from before"
        }
        if !c.betweenRuns.isEmpty {
            text += "; it was stopped for \(DurationText.elapsed(c.betweenRunsLength)) between runs (\(Plural.count(c.betweenRuns.count, "span"))), "
                + "whose lines the next run read back from Docker (resource samples of those spans are missing)"
        }
        if let ongoing = c.downtimes.first(where: \.ongoing) {
            text += "; it has not run since \(time(ongoing.start))"
        }
        return text + "."
    }

    package func downtime(_ d: CollectorCoverage.Downtime) -> [String: Any] {
        ["from": time(d.start), "to": time(d.end), "duration": DurationText.elapsed(d.end - d.start),
         "why": d.crashed ? "the run before stopped without shutting down" : "the collector was stopped"]
    }

    package func gap(_ g: CoverageGap) -> [String: Any] {
        ["from": time(g.start), "to": time(g.end), "duration": DurationText.elapsed(g.end - g.start),
         "reason": g.reason, "scope": g.container.map { "\(g.service ?? $0) (\($0))" } ?? "all containers"]
    }

    package func time(_ t: Int64) -> String { String(Timestamp.display(t, utc: utc).prefix(16)) }

    package static func percent(_ rate: Double?, of count: Int64) -> String {
        guard let rate, count > 0 else { return "-" }
        return (rate * 100).decimal(places: 2) + "%"
    }

    /// ▲ or ▼ with the change in points, when both periods have data.
    package static func change(_ now: Double, _ before: Double?, now count: Int64, before previous: Int64) -> String {
        guard let before, count > 0, previous > 0 else { return "" }
        let delta = (now - before) * 100
        if abs(delta) < 0.005 { return "=" }
        return (delta > 0 ? "▲ " : "▼ ") + abs(delta).decimal(places: 2)
    }

    package static func anchor(_ name: String) -> String {
        "service-" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
