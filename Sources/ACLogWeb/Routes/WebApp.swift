import ACLogModel
import ACLogQuery
import ACLogSQLite

/// The web view: pages and the JSON API over one database, read-only. Each answer asks the query
/// library and renders with the CLI's renderers, so a page, an API call and a command give the
/// same answer to the same question.
public final class WebApp: Sendable {
    let database: DatabaseAccess
    let access: AccessGuard
    let hub: LiveHub

    public init(databasePath: String, access: AccessPolicy = .anyone) {
        database = DatabaseAccess(path: databasePath)
        self.access = AccessGuard(access)
        hub = LiveHub(database: database)
    }

    /// Opens the database once, so a server that cannot read it says so before it listens.
    public func check() async throws {
        _ = try await database.read { try $0.maxRecordID() }
    }

    public func respond(_ request: WebRequest) async -> WebResponse {
        if let refusal = access.check(request) { return refusal }
        guard request.method == "GET" || request.method == "HEAD" else {
            return WebResponse(status: 405, contentType: "text/plain; charset=utf-8", body: "only GET and HEAD are served\n",
                               headers: [("Allow", "GET, HEAD")])
        }
        do {
            return try await route(request)
        } catch let invalid as WebQuery.Invalid {
            return .text(invalid.description, status: 400)
        } catch let unknown as ReadOnlyDatabase.UnknownService {
            return .text(unknown.description, status: 400)
        } catch let absent as FieldCensus.Absent {
            return .text(absent.description, status: 400)
        } catch {
            return .text("\(error)", status: 500)
        }
    }

    private func route(_ request: WebRequest) async throws -> WebResponse {
        switch request.path {
        case "/": return try await page(request) { try OverviewPage(request: $0).render($1) }
        case "/logs": return try await page(request) { try LogsPage(request: $0).render($1) }
        case "/logs/stream": return try await LiveStreams.page(request, hub: hub, database: database)
        case "/errors": return try await page(request) { try ErrorsPage(request: $0).render($1) }
        case "/trends": return try await page(request) { try TrendsPage(request: $0).render($1) }
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

    /// A page: on a bad parameter, the page again with the error said at its top.
    private func page(_ request: WebRequest, _ render: @escaping @Sendable (WebRequest, ReadOnlyDatabase) throws -> String) async throws -> WebResponse {
        let query = request
        return try await database.read { db in
            do {
                return .html(try render(query, db))
            } catch let error as PageError {
                return .html(error.page, status: 400)
            }
        }
    }

    public func shutdown() async {
        hub.shutdown()
        await database.shutdown()
    }
}

/// A page's parameters were wrong: the page to show, which says what was wrong.
struct PageError: Error {
    let page: String
}

/// The script and style sheet, built into the binary; no other file is served.
enum Assets {
    static func response(_ name: String) -> WebResponse {
        guard let text = EmbeddedAssets.files[name] else { return .text("not found: /assets/\(name)", status: 404) }
        let type = name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : name.hasSuffix(".css") ? "text/css; charset=utf-8" : "image/svg+xml"
        return WebResponse(contentType: type, body: text, headers: [("Cache-Control", "no-cache")])
    }
}
