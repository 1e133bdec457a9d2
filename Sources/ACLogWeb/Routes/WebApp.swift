import ACLogModel
import ACLogQuery
import ACLogRender
import Synchronization

/// The web view: pages and the JSON API over one database, read-only. Each answer asks the query
/// library and renders with the CLI's renderers, so a page, an API call and a command give the
/// same answer to the same question.
public final class WebApp: Sendable {
    let database: DatabaseAccess
    let access: AccessGuard
    let hub: LiveHub
    /// Live streams whose connection is still writing: the server waits for them to end.
    let openStreams = Atomic<Int>(0)
    /// Only `/metrics` is served (`aclog collect --metrics`).
    let metricsOnly: Bool
    /// Metrics only this process knows (the collector's, when it serves), added to the database's.
    let processMetrics: @Sendable () -> [MetricFamily]

    public init(databasePath: String, access: AccessPolicy = .anyone, metricsOnly: Bool = false,
                processMetrics: @escaping @Sendable () -> [MetricFamily] = { [] }) {
        database = DatabaseAccess(path: databasePath)
        self.access = AccessGuard(access)
        hub = LiveHub(database: database)
        self.metricsOnly = metricsOnly
        self.processMetrics = processMetrics
    }

    /// Opens the database once, so a server that cannot read it says so before it listens.
    public func check() async throws {
        _ = try await database.read { try $0.maxRecordID() }
    }

    /// Says that the collector of this process has just stored records or events: live pages
    /// read them now rather than on the next poll, and polls need not come as often.
    public func stored() {
        hub.stored()
    }

    public func respond(_ request: WebRequest) async -> WebResponse {
        if let refusal = access.check(request) { return refusal }
        guard request.method == "GET" || request.method == "HEAD" else {
            return WebResponse(status: 405, contentType: "text/plain; charset=utf-8", body: "only GET and HEAD are served\n",
                               headers: [("Allow", "GET, HEAD")])
        }
        let clock = ContinuousClock()
        let started = clock.now
        var response: WebResponse
        do {
            response = try await route(request)
        } catch {
            if let message = UserMistake.message(error) { response = .text(message, status: 400) }
            else { response = .text("\(error)", status: 500) }
        }
        if response.stream == nil {
            // The time the answer took here, as a browser's developer tools and the benchmarks read it.
            let took = (clock.now - started).components
            let tenthsOfMS = took.seconds * 10_000 + took.attoseconds / 100_000_000_000_000
            response.headers.append(("Server-Timing", "app;dur=\(tenthsOfMS / 10).\(tenthsOfMS % 10)"))
        }
        return response
    }

    private func route(_ request: WebRequest) async throws -> WebResponse {
        if request.path == "/metrics" { return try await metrics(request) }
        if metricsOnly { return .text("not found: \(request.path) (this address serves /metrics only)", status: 404) }
        switch request.path {
        case "/": return try await page(OverviewPage.self, request)
        case "/logs": return try await page(LogsPage.self, request)
        case "/logs/stream": return try await LiveStreams.page(request, hub: hub, database: database)
        case "/errors": return try await page(ErrorsPage.self, request)
        case "/trends": return try await page(TrendsPage.self, request)
        case "/timeline": return try await page(TimelinePage.self, request)
        case "/report":
            let query = request
            var response = try await database.read { try ReportPage(request: query).render($0) }
            response.allowsInlineStyles = true
            return response
        case "/api/stream": return try await LiveStreams.api(request, hub: hub, database: database)
        case let path where path.hasPrefix("/api/"):
            let query = request
            return try await database.read { try APIRoutes.answer(query, in: $0) }
        case let path where path.hasPrefix("/assets/"):
            return Assets.response(String(path.dropFirst("/assets/".count)))
        default:
            return .text("not found: \(request.path)", status: 404)
        }
    }

    /// Prometheus's scrape: the database's metrics and this process's, in the format asked for.
    private func metrics(_ request: WebRequest) async throws -> WebResponse {
        let format = Exposition(accept: request.headers["accept"])
        let families = try await database.read { try $0.hostMetrics().families }
        return WebResponse(contentType: format.contentType, body: format.render(families + processMetrics()))
    }

    /// A page: on a bad parameter, its form again with the error said at the top.
    private func page<Page: WebPage>(_ kind: Page.Type, _ request: WebRequest) async throws -> WebResponse {
        let query = request
        return try await database.read { db in
            let page = Page(request: query)
            do {
                return .html(page.frame.render(try page.body(db)))
            } catch {
                guard let message = UserMistake.message(error) else { throw error }
                return .html(page.frame.render(try page.form(db), error: message), status: 400)
            }
        }
    }

    /// Ends every live stream; each connection then writes its end and closes.
    func endStreams() {
        hub.shutdown()
    }

    public func shutdown() async {
        hub.shutdown()
        await database.shutdown()
    }
}

/// The script and style sheet, built into the binary; no other file is served.
enum Assets {
    static func response(_ name: String) -> WebResponse {
        guard let text = EmbeddedAssets.files[name] else { return .text("not found: /assets/\(name)", status: 404) }
        let type = name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : name.hasSuffix(".css") ? "text/css; charset=utf-8" : "image/svg+xml"
        return WebResponse(contentType: type, body: text, headers: [("Cache-Control", "no-cache")])
    }
}
