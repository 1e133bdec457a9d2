import ACLogModel
import ACLogQuery
import ACLogRender

/// `/api/…`: the CLI's `-o json` answers to the same questions, line for line, as NDJSON:
/// `records` (tail, or grep with `q`), `services` (ps), `errors`, `trends`, `timeline`, `status`.
enum APIRoutes {
    /// The most records one answer holds; a longer answer ends with a line saying where the
    /// rest is (`{"type":"truncated","next":…}`).
    static let largestAnswer = 10_000

    static func answer(_ request: WebRequest, in db: ReadOnlyDatabase) throws -> WebResponse {
        switch request.path {
        case "/api/records": return try records(request, db)
        case "/api/services":
            let asOf = try db.collectorState().statesAsOf?.time
            return .ndjson(try db.containerSummaries().map { ContainerTable.json($0, statesAsOf: asOf) })
        case "/api/errors":
            let window = try WindowParameters(request)
            let compare = try request.duration("compare")
            let answer = try db.errors(ErrorsQuestion(services: request.parameters("service", splittingCommas: true), since: window.since,
                                                      until: window.until, bucket: window.bucket ?? 3_600 * Timestamp.nanosPerSecond, compare: compare))
            var lines = CollectedLines()
            ErrorsJSON.render(answer, top: Int(request.parameter("top") ?? "") ?? 10, into: &lines)
            return .ndjson(lines.lines)
        case "/api/trends":
            let window = try WindowParameters(request)
            let metrics = try WebQuery.metrics(request, default: "cpu")
            let trends = try db.trends(TrendQuestion(services: request.parameters("service", splittingCommas: true), metrics: metrics,
                                                     since: window.since, until: window.until, bucket: window.bucket))
            return .ndjson(trends.map(TrendJSON.object))
        case "/api/timeline":
            let window = try WindowParameters(request)
            let entries = try db.timeline(TimelineQuestion(services: request.parameters("service", splittingCommas: true),
                                                           since: window.since, until: window.until, detail: request.flag("detail")))
            return .ndjson(entries.map(TimelineJSON.object))
        case "/api/status":
            let now = Timestamp.now()
            let span = try request.duration("gaps") ?? 7 * 86_400 * Timestamp.nanosPerSecond
            return .json(StatusJSON.object(try db.status(now: now, gapsSince: now - span)))
        default:
            return .text("not found: \(request.path) (the API has /api/records, /api/services, /api/errors, /api/trends, /api/timeline, /api/status, /api/stream)", status: 404)
        }
    }

    /// `aclog tail -o json` (the newest 10 without `since`, as the CLI), or with `q`
    /// `aclog grep -o json`.
    static func records(_ request: WebRequest, _ db: ReadOnlyDatabase, largest: Int = largestAnswer) throws -> WebResponse {
        let query = try WebQuery(request)
        let render = LogLines(format: .json, style: try ShortStyle(utc: query.utc, colour: false, database: db))
        var lines: [String] = []
        var records = 0
        var next: Int64?
        let cap = min(query.limit ?? largest, largest)
        if let pattern = query.pattern {
            let question = GrepQuestion(pattern, in: query.scope, context: (query.context, query.context), maxMatches: query.limit.map { min($0, cap) } ?? cap + 1)
            try db.grep(question) { entry in
                if next != nil { return }
                if case .record(let record, true) = entry {
                    records += 1
                    if records > cap { next = record.time; return }
                }
                if let line = render.line(entry) { lines.append(line) }
            }
        } else {
            // Without a count the CLI prints a whole window; here the newest `cap` of it at most.
            let newest = query.limit ?? (query.window.since == nil ? 10 : nil)
            let question = TailQuestion(query.scope, newest: newest.map { min($0, cap) } ?? cap, fields: query.fields,
                                        events: !request.flag("no_events"))
            var first: Int64?
            try db.tail(question) { entry in
                if case .record(let record, _) = entry {
                    records += 1
                    first = first ?? record.time
                }
                if let line = render.line(entry) { lines.append(line) }
            }
            if records == 0 { try db.checkFields(of: question) }
            if newest == nil, records >= cap, let first {
                var pairs = request.query.filter { $0.name != "until" }.map { ($0.name, Optional($0.value)) }
                pairs.append(("until", Timestamp.rfc3339(first)))
                lines.append("{\"type\":\"truncated\",\"records\":\(cap),\"earlier\":\(JSONString.quoted("/api/records?" + URLText.query(pairs)))}")
            }
        }
        if let next {
            var pairs = request.query.filter { $0.name != "since" }.map { ($0.name, Optional($0.value)) }
            pairs.append(("since", Timestamp.rfc3339(next)))
            lines.append("{\"type\":\"truncated\",\"records\":\(cap),\"next\":\(JSONString.quoted("/api/records?" + URLText.query(pairs)))}")
        }
        return .ndjson(lines)
    }
}
