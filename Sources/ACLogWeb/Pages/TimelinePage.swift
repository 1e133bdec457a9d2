import ACLogModel
import ACLogQuery
import ACLogRender

/// `/timeline`: what happened in a window, in order (`aclog timeline`): crashes, OOM kills,
/// health, deploys, alerts, error bursts, new errors, peaks, gaps; each a link to its records.
struct TimelinePage: WebPage {
    let request: WebRequest

    var frame: HTMLPage { HTMLPage(section: .timeline, title: "Timeline", data: [("refresh", "30")]) }

    func body(_ db: ReadOnlyDatabase) throws -> String {
        let window = try WindowParameters(request)
        let detail = request.flag("detail")
        let entries = try db.timeline(TimelineQuestion(services: request.parameters("service", splittingCommas: true),
                                                       since: window.since, until: window.until, detail: detail))
        let checked = detail ? " checked" : ""
        var body = WindowForm(path: "/timeline", request: request,
                              extra: "<label>Around <input name=\"around\" value=\"\((request.parameter("around") ?? "").htmlEscaped)\" placeholder=\"02:14 (± 30 min)\"></label>"
                                  + "<label><input type=\"checkbox\" name=\"detail\" value=\"1\"\(checked)> crash details</label>").html
        body += "<h1>Timeline \(DurationText.span(from: window.since, to: window.until, utc: window.utc).htmlEscaped)</h1>"
        if entries.isEmpty { body += "<p class=\"empty\">Nothing happened in this window: no starts, stops, errors, peaks or gaps.</p>" }
        body += "<ol class=\"timeline\">"
        for e in entries {
            let time = Timestamp.display(e.time, utc: window.utc).prefix(23)
            let service = e.service.map { "<a class=\"svc c\(LevelColour.serviceIndex($0))\" href=\"/logs?service=\(URLText.component($0))\">\($0.htmlEscaped)</a>" } ?? "<span class=\"muted\">all</span>"
            body += "<li class=\"\(e.kind.isTrouble ? "bad" : "fine")\" data-kind=\"\(e.kind.rawValue)\"><a class=\"when\" href=\"\(e.webLink.htmlEscaped)\">\(time.htmlEscaped)</a> "
                + "\(service) <span class=\"kind\">\(e.kind.rawValue.htmlEscaped)</span> \(e.summary.htmlEscaped)"
            if let end = e.end, end > e.time { body += " <span class=\"muted\">until \(Timestamp.display(end, utc: window.utc).prefix(19).htmlEscaped)</span>" }
            if let context = e.context {
                body += "<pre class=\"context\">" + CrashContextText.html(context) + "</pre>"
            }
            body += "</li>"
        }
        return body + "</ol>"
    }
}
