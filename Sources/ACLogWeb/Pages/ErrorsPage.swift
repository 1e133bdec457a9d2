import ACLogModel
import ACLogQuery
import ACLogRender

/// `/errors`: error and 5xx rates per service against the window before, their shape per bucket,
/// and the top error signatures, each a link to its records.
struct ErrorsPage: WebPage {
    let request: WebRequest

    var frame: HTMLPage { HTMLPage(section: .errors, title: "Errors", data: [("refresh", "30")]) }

    func form(_ db: ReadOnlyDatabase) -> String { WindowForm(path: "/errors", request: request).html }

    func body(_ db: ReadOnlyDatabase) throws -> String {
        let window = try WindowParameters(request)
        let length = window.until - window.since
        let bucket = window.bucket ?? Trend.autoBucket(range: length)
        let services = request.parameters("service", splittingCommas: true)
        let answer = try db.errors(ErrorsQuestion(services: services, since: window.since, until: window.until, bucket: bucket, compare: length))
        var body = form(db)
        body += "<h1>Errors \(DurationText.span(from: window.since, to: window.until, utc: window.utc).htmlEscaped)</h1>"
        body += "<div class=\"table-wrap\"><table class=\"errors\"><thead><tr><th>Service</th><th>Records</th><th>Errors</th><th>Error rate</th>"
            + "<th>Before</th><th>Requests</th><th>5xx</th><th>5xx rate</th><th>Before</th><th>Errors per \(DurationText.spaced(bucket).htmlEscaped)</th></tr></thead><tbody>"
        for service in answer.services {
            let total = answer.total(of: service)
            let before = answer.previousTotal(of: service)
            let shape = answer.buckets.filter { $0.service == service }
            var perBucket = [Double?](repeating: 0, count: max(1, Int(length / bucket) + 1))
            for b in shape {
                let i = Int((b.start - Timestamp.floor(window.since, to: Timestamp.nanosPerMinute)) / bucket)
                if perBucket.indices.contains(i) { perBucket[i] = Double(b.errors) }
            }
            let logs = "/logs?" + URLText.query([("service", service), ("level", "error"), ("since", Timestamp.rfc3339(window.since)),
                                                 ("until", Timestamp.rfc3339(window.until))])
            let rates: [String] = [
                ReportContext.percent(total.errorRate, of: total.records),
                before.map { ReportContext.percent($0.errorRate, of: $0.records) } ?? "-",
                ReportContext.percent(total.serverErrorRate, of: total.requests),
                before.map { ReportContext.percent($0.serverErrorRate, of: $0.requests) } ?? "-",
            ]
            body += "<tr><th scope=\"row\"><a class=\"svc c\(LevelColour.serviceIndex(service))\" href=\"/logs?service=\(URLText.component(service))\">\(service.htmlEscaped)</a></th>"
            body += "<td class=\"num\">\(total.records)</td><td class=\"num\"><a href=\"\(logs.htmlEscaped)\">\(total.errors)</a></td>"
            body += "<td class=\"num\">\(rates[0])</td><td class=\"num muted\">\(rates[1])</td>"
            body += "<td class=\"num\">\(total.requests)</td><td class=\"num\">\(total.serverErrors)</td>"
            body += "<td class=\"num\">\(rates[2])</td><td class=\"num muted\">\(rates[3])</td>"
            body += "<td>\(SparklineSVG.render(perBucket, label: "\(service): errors per \(DurationText.spaced(bucket))", kind: "errors"))</td></tr>"
        }
        body += "</tbody></table></div>"
        if answer.services.isEmpty { body += "<p class=\"empty\">No records in this window.</p>" }
        body += "<h2>Top error signatures</h2>"
        let top = answer.rankedSignatures.prefix(Int(request.parameter("top") ?? "") ?? 20)
        if top.isEmpty { body += "<p class=\"empty\">No error or fatal records in this window.</p>" }
        body += "<ol class=\"signatures\">"
        for (service, signature, count) in top {
            let link = "/logs?" + URLText.query([("service", service), ("sig", signature), ("since", Timestamp.rfc3339(window.since)),
                                                 ("until", Timestamp.rfc3339(window.until))])
            body += "<li><span class=\"num\">\(count)</span> <a class=\"svc c\(LevelColour.serviceIndex(service))\" href=\"/logs?service=\(URLText.component(service))\">\(service.htmlEscaped)</a>"
                + (answer.isNew(signature, of: service) ? " <span class=\"new\">new</span>" : "")
                + " <a class=\"sig\" href=\"\(link.htmlEscaped)\"><code>\(ANSIText.html(signature))</code></a></li>"
        }
        body += "</ol><p class=\"hint\">Before: the window of the same length just before this one. New: a signature that window did not have.</p>"
        return body
    }

    static func percent(_ rate: Double, of total: Int64) -> String {
        total == 0 ? "-" : (rate * 100).decimal(places: 2) + "%"
    }
}

/// The window form of the errors, resources and report pages.
struct WindowForm {
    let path: String
    let request: WebRequest
    var extra = ""

    var html: String {
        func value(_ name: String) -> String { (request.parameter(name) ?? "").htmlEscaped }
        return """
            <form class="filters" method="get" action="\(path)">
            <label>Services <input name="service" value="\(request.parameters("service", splittingCommas: true).joined(separator: ",").htmlEscaped)" placeholder="all"></label>
            <label>Since <input name="since" value="\(value("since"))" placeholder="24h"></label>
            <label>Until <input name="until" value="\(value("until"))" placeholder="now"></label>
            <label>Bucket <input name="bucket" value="\(value("bucket"))" placeholder="auto" size="6"></label>\(extra)
            <button type="submit">Show</button>
            </form>
            """
    }
}
