import ACLogModel
import ACLogQuery
import ACLogRender

/// `/logs`: the merged records of the chosen services in time order, filtered as `aclog tail` and
/// `aclog grep` filter them, live while no end time is set. The whole question is in the URL.
struct LogsPage: WebPage {
    let request: WebRequest
    /// Records shown when the URL does not say (`n`).
    static let defaultCount = 500

    var frame: HTMLPage {
        HTMLPage(section: .logs, title: request.parameters("service", splittingCommas: true).joined(separator: ", ").nonEmpty ?? "Logs")
    }

    func form(_ db: ReadOnlyDatabase) throws -> String {
        LogsForm(request: request, services: try db.serviceNames()).html
    }

    func body(_ db: ReadOnlyDatabase) throws -> String {
        let query = try WebQuery(request)
        let readThrough = (try db.maxRecordID(), try db.maxEventID())
        let limit = query.limit ?? Self.defaultCount
        let renderer = EntryHTML(utc: query.utc, highlight: query.pattern)
        var rows: [String] = []
        let note: String?
        if let signature = request.parameter("sig") {
            note = try signatureRows(signature, query: query, limit: limit, db: db, renderer: renderer, into: &rows)
        } else if let pattern = query.pattern {
            note = try matchRows(pattern, query: query, limit: limit, db: db, renderer: renderer, into: &rows)
        } else {
            note = try tailRows(query: query, limit: limit, db: db, renderer: renderer, into: &rows)
        }
        let live = query.window.until == nil && request.parameter("sig") == nil
        let stream = "/logs/stream?" + URLText.query(request.query.map { ($0.name, $0.value) }
            + [("after", String(readThrough.0)), ("after_event", String(readThrough.1))])
        var body = try form(db)
        body += "<div class=\"toolbar\"><span id=\"live-state\" class=\"live-state\">\(live ? "live" : "not live: the window has an end")</span>"
        if live { body += " <button type=\"button\" id=\"pause\" data-key=\"p\" aria-keyshortcuts=\"p\">Pause</button>" }
        body += " <span class=\"count\">\(rows.count) rows</span></div>"
        if let note { body += "<p class=\"note\">\(note)</p>" }
        if rows.isEmpty { body += "<p class=\"empty\">No records match.</p>" }
        body += "<div id=\"records\" class=\"records\"\(live ? " data-stream=\"\(stream.htmlEscaped)\"" : "")>\n"
            + rows.joined(separator: "\n") + "\n</div>"
        return body
    }

    private func tailRows(query: WebQuery, limit: Int, db: ReadOnlyDatabase, renderer: EntryHTML, into rows: inout [String]) throws -> String? {
        let question = TailQuestion(query.scope, newest: limit, fields: query.fields, events: !request.flag("no_events"))
        var records = 0
        var first: Int64?
        try db.tail(question) { entry in
            if case .record(let record, _) = entry {
                records += 1
                first = first ?? record.time
            }
            rows.append(renderer.row(entry))
        }
        if records == 0 { try db.checkFields(of: question) }
        guard records >= limit, let first else { return nil }
        let earlier = link(replacing: ["until": Timestamp.rfc3339(first)])
        return "The newest \(limit) records of this window are shown. <a href=\"\(earlier.htmlEscaped)\">Earlier records</a>"
    }

    private func matchRows(_ pattern: SearchPattern, query: WebQuery, limit: Int, db: ReadOnlyDatabase, renderer: EntryHTML,
                           into rows: inout [String]) throws -> String? {
        let question = GrepQuestion(pattern, in: query.scope, context: (query.context, query.context), maxMatches: limit + 1)
        var matches = 0
        var last: Int64?
        var more = false
        try db.grep(question) { entry in
            if more { return }
            if case .record(let record, let isMatch) = entry, isMatch {
                // grep has no field filters: a match whose fields do not pass is left out.
                if !query.fields.isEmpty, try db.withFields([record], matching: query.fields).isEmpty { return }
                matches += 1
                if matches > limit {
                    more = true
                    return
                }
                last = record.time
            }
            rows.append(renderer.row(entry))
        }
        guard more, let last else { return nil }
        let later = link(replacing: ["since": Timestamp.rfc3339(last + 1)])
        return "The first \(limit) matches of this window are shown. <a href=\"\(later.htmlEscaped)\">Later matches</a>"
    }

    /// The error records of one signature (a link from `/errors`), the newest `limit`.
    private func signatureRows(_ signature: String, query: WebQuery, limit: Int, db: ReadOnlyDatabase, renderer: EntryHTML,
                               into rows: inout [String]) throws -> String? {
        var scope = query.scope
        scope.minLevel = max(scope.minLevel, .error)
        var kept: [LogEntry] = []
        var total = 0
        try db.tail(TailQuestion(scope, events: false)) { entry in
            guard case .record(let record, _) = entry, ErrorSignature.of(record.message) == signature else { return }
            total += 1
            kept.append(entry)
            if kept.count >= 2 * limit { kept.removeFirst(limit) }
        }
        rows += kept.suffix(limit).map(renderer.row)
        let shown = total > limit ? "the newest \(limit) of \(total) records" : "\(total) record\(total == 1 ? "" : "s")"
        return "Error signature <code>\(signature.htmlEscaped)</code>: \(shown)."
    }

    /// This page's URL with some parameters set anew.
    func link(replacing changes: [String: String]) -> String {
        var pairs = request.query.filter { changes[$0.name] == nil }.map { ($0.name, Optional($0.value)) }
        pairs += changes.sorted { $0.key < $1.key }.map { ($0.key, Optional($0.value)) }
        return "/logs?" + URLText.query(pairs)
    }
}

extension Collection {
    var nonEmpty: Self? { isEmpty ? nil : self }
}
