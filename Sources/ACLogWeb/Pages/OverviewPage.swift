import ACLogModel
import ACLogQuery
import ACLogRender

/// `/`: every service with its state, health, restarts, OOM kills, its last deploy, when it last logged an error,
/// and its last hour in sparklines; a row leads to its logs. Refreshed in place while open.
struct OverviewPage: WebPage {
    let request: WebRequest

    var frame: HTMLPage { HTMLPage(section: .overview, title: "Overview", data: [("refresh", "10")]) }

    func body(_ db: ReadOnlyDatabase) throws -> String {
        let now = Timestamp.now()
        let utc = request.flag("utc")
        let services = try db.overview(now: now)
        let state = try db.collectorState()
        var body = "<h1>Services</h1>"
        body += "<p class=\"collector \(state.running ? "up" : "down")\">" + Self.collectorLine(state, now: now, utc: utc).htmlEscaped + "</p>"
        if services.isEmpty {
            body += "<p class=\"empty\">No containers yet: start <code>aclog collect</code> on this host.</p>"
        }
        body += "<div class=\"table-wrap\"><table class=\"overview\"><thead><tr><th>Service</th><th>State</th><th>Restarts</th>"
            + "<th>OOM kills</th><th>Last deploy</th><th>Last error</th><th>Records / min</th><th>Errors / min</th><th>CPU</th><th>Memory</th></tr></thead><tbody>"
        for s in services {
            body += row(s, now: now, utc: utc)
        }
        body += "</tbody></table></div><p class=\"hint\">Sparklines: the last hour, one point a minute. Keys: o overview, l logs, e errors, r resources, t timeline, n report.</p>"
        return body
    }

    private func row(_ s: ServiceOverview, now: Int64, utc: Bool) -> String {
        let newest = s.containers.last
        let state = newest.map { c in c.state + (c.health.map { " (\($0))" } ?? "") } ?? "unknown"
        let stateClass = newest?.health == "unhealthy" ? "bad" : newest?.state == "running" ? "good" : "idle"
        let logs = "/logs?service=" + URLText.component(s.service)
        let lastError = s.lastError.map { t in
            "<a href=\"/logs?\(URLText.query([("service", s.service), ("level", "error"), ("around", Timestamp.rfc3339(t + 30 * Timestamp.nanosPerSecond))]).htmlEscaped)\" title=\"\(Timestamp.display(t, utc: utc))\">\(Self.ago(now - t)) ago</a>"
        } ?? "none"
        let lastDeploy = s.lastDeploy.map { t in
            "<a href=\"/logs?\(URLText.query([("service", s.service), ("around", Timestamp.rfc3339(t))]).htmlEscaped)\" title=\"\(Timestamp.display(t, utc: utc))\">\(Self.ago(now - t)) ago</a>"
        } ?? "-"
        let recordsPerMinute = s.records.map { Double($0) }
        let errorsPerMinute = s.errors.map { Double($0) }
        let memoryLabel = s.memory.compactMap { $0 }.last.map { MetricFormat.text($0, .bytes) } ?? "no samples"
        let cpuLabel = s.cpu.compactMap { $0 }.last.map { MetricFormat.text($0, .percent) } ?? "no samples"
        return "<tr class=\"svc-row\" data-service=\"\(s.service.htmlEscaped)\">"
            + "<th scope=\"row\"><a class=\"svc c\(LevelColour.serviceIndex(s.service))\" href=\"\(logs.htmlEscaped)\">\(s.service.htmlEscaped)</a>"
            + (s.containers.count > 1 ? " <span class=\"muted\">\(s.containers.count) containers</span>" : "") + "</th>"
            + "<td class=\"\(stateClass)\">\(state.htmlEscaped)</td>"
            + "<td class=\"num\">\(s.restarts)</td><td class=\"num\(s.oomKills > 0 ? " bad" : "")\">\(s.oomKills)</td>"
            + "<td>\(lastDeploy)</td><td>\(lastError)</td>"
            + "<td>\(SparklineSVG.render(recordsPerMinute, label: "\(s.service): \(s.records.reduce(0, +)) records in the last hour", kind: "records"))</td>"
            + "<td>\(SparklineSVG.render(errorsPerMinute, label: "\(s.service): \(s.errors.reduce(0, +)) errors in the last hour", kind: "errors"))</td>"
            + "<td>\(SparklineSVG.render(s.cpu, label: "\(s.service) CPU, now \(cpuLabel)", kind: "cpu")) <span class=\"val\">\(cpuLabel.htmlEscaped)</span></td>"
            + "<td>\(SparklineSVG.render(s.memory, label: "\(s.service) memory, now \(memoryLabel)", ceiling: s.memoryLimit, kind: "mem")) <span class=\"val\">\(memoryLabel.htmlEscaped)"
            + (s.memoryLimit.map { " of " + MetricFormat.text($0, .bytes).htmlEscaped } ?? "") + "</span></td></tr>"
    }

    static func collectorLine(_ state: CollectorState, now: Int64, utc: Bool) -> String {
        if state.running {
            if let down = state.engineDownSince {
                return "The collector runs (pid \(state.pid.map(String.init) ?? "?")) but the Docker engine has not answered it since \(Timestamp.display(down, utc: utc).prefix(19))."
            }
            return "The collector runs (pid \(state.pid.map(String.init) ?? "?")): this view is live."
        }
        let seen = state.lastSeen.map { " It was last seen \(ago(now - $0)) ago, at \(Timestamp.display($0, utc: utc).prefix(19))." } ?? ""
        return "No collector is running on this database: no new records come.\(seen)"
    }

    /// `45 s`, `12 min`, `3 h`, `2 d`.
    static func ago(_ nanos: Int64) -> String {
        let seconds = max(0, nanos / Timestamp.nanosPerSecond)
        return seconds < 60 ? "\(seconds) s" : seconds < 3_600 ? "\(seconds / 60) min" : seconds < 86_400 ? "\(seconds / 3_600) h" : "\(seconds / 86_400) d"
    }
}
