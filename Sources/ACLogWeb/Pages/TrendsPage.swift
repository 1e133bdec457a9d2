import ACLogModel
import ACLogQuery
import ACLogRender

/// `/trends`: CPU, memory, network, block I/O and PIDs of each service over the window, as the
/// report's charts (memory against its limit), read from the rollup tier the window calls for.
struct TrendsPage: WebPage {
    let request: WebRequest

    var frame: HTMLPage { HTMLPage(section: .trends, title: "Resources", data: [("refresh", "30")]) }

    func form(_ db: ReadOnlyDatabase) -> String {
        let metric = request.parameter("metric") ?? "all"
        return WindowForm(path: "/trends", request: request,
                          extra: "\n<label>Metric <input name=\"metric\" value=\"\(metric.htmlEscaped)\" size=\"6\" placeholder=\"all\"></label>").html
    }

    func body(_ db: ReadOnlyDatabase) throws -> String {
        let window = try WindowParameters(request)
        let metrics = try WebQuery.metrics(request, default: "all")
        let perContainer = request.parameter("per") == "container"
        let trends = try db.trends(TrendQuestion(services: request.parameters("service", splittingCommas: true), metrics: metrics,
                                                 since: window.since, until: window.until, bucket: window.bucket, perContainer: perContainer))
        var body = form(db) + "<h1>Resources \(DurationText.span(from: window.since, to: window.until, utc: window.utc).htmlEscaped)</h1>"
        if trends.isEmpty { body += "<p class=\"empty\">No resource samples in this window.</p>" }
        let eachContainer = "/trends?" + URLText.query(request.query.filter { $0.name != "per" }.map { ($0.name, $0.value) } + [("per", "container")])
        if let first = trends.first {
            body += "<p class=\"hint\">From the \(first.tier == .raw ? "raw samples" : first.tier == .minute ? "per-minute rollups" : "per-hour rollups"), averages per \(DurationText.spaced(first.bucket).htmlEscaped), "
                + "the band from min to max. CPU is in percent of one core. A service of several containers at once shows their total"
                + (perContainer ? "; here, each container." : " (<a href=\"\(eachContainer.htmlEscaped)\">each container</a>).") + "</p>"
        }
        for service in Set(trends.map(\.service)).sorted() {
            body += "<section class=\"service-charts\"><h2><a class=\"svc c\(LevelColour.serviceIndex(service))\" href=\"/logs?service=\(URLText.component(service))\">\(service.htmlEscaped)</a></h2><div class=\"charts\">"
            for trend in trends where trend.service == service {
                let peak = MetricFormat.text(trend.peak, trend.metric.unit)
                body += "<figure><figcaption>\(trend.scope.map { "\($0.htmlEscaped), " } ?? "")\(trend.metric.rawValue.htmlEscaped): peak \(peak.htmlEscaped)"
                    + (trend.limit.map { " of " + MetricFormat.text($0, trend.metric.unit).htmlEscaped } ?? "")
                    + (trend.growthPerDay.map { ", \(MetricFormat.text($0, trend.metric.unit).htmlEscaped) a day" } ?? "")
                    + "</figcaption>" + SVGChart().render(trend, from: window.since, to: window.until, utc: window.utc) + "</figure>"
            }
            body += "</div></section>"
        }
        return body
    }
}
