import ACLogModel
import ACLogQuery
import ACLogRender

/// `/report`: the nightly report (`aclog report -o html`) for any window, as its own document.
struct ReportPage {
    let request: WebRequest

    func render(_ db: ReadOnlyDatabase) throws -> WebResponse {
        let window = try WindowParameters(request)
        let report = try db.report(ReportQuestion(services: request.parameters("service", splittingCommas: true),
                                                  since: window.since, until: window.until))
        return .html(try ReportRenderer(utc: window.utc).render(report, as: .html))
    }
}
