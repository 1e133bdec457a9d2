/// What a route answers: a status, a content type and a body, or a stream of server-sent events.
public struct WebResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    public var headers: [(String, String)]
    /// Set for a live stream: the connection stays open and this sends its events.
    public var stream: EventStreamSource?
    /// The report page's own style sheet is inline; no other page may have one.
    public var allowsInlineStyles = false

    public init(status: Int = 200, contentType: String, body: String, headers: [(String, String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = Array(body.utf8)
        self.headers = headers
    }

    public static func html(_ body: String, status: Int = 200) -> WebResponse {
        WebResponse(status: status, contentType: "text/html; charset=utf-8", body: body)
    }

    /// Newline-delimited JSON: the lines `-o json` prints.
    public static func ndjson(_ lines: [String], status: Int = 200) -> WebResponse {
        WebResponse(status: status, contentType: "application/x-ndjson; charset=utf-8", body: lines.map { $0 + "\n" }.joined())
    }

    public static func json(_ object: String, status: Int = 200) -> WebResponse {
        WebResponse(status: status, contentType: "application/json; charset=utf-8", body: object + "\n")
    }

    public static func text(_ text: String, status: Int) -> WebResponse {
        WebResponse(status: status, contentType: "text/plain; charset=utf-8", body: text + "\n")
    }

    public static func events(_ source: EventStreamSource) -> WebResponse {
        var response = WebResponse(contentType: "text/event-stream; charset=utf-8", body: "", headers: [("Cache-Control", "no-store")])
        response.stream = source
        return response
    }

    /// What every answer carries: no script but ours, nothing framed, no content sniffing.
    /// The report page alone allows its own inline style sheet (never a script).
    static func securityHeaders(inlineStyles: Bool) -> [(String, String)] {
        let style = inlineStyles ? "'self' 'unsafe-inline'" : "'self'"
        return [
            ("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src \(style); img-src 'self' data:; "
                + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Frame-Options", "DENY"),
        ]
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status \(status)"
        }
    }
}

/// A live stream's events, one `data:` block each, until the client goes or the server stops.
public protocol EventStreamSource: Sendable {
    /// Calls `send` with each event's text (its lines become `data:` lines) until `send` returns
    /// false (the client has gone) or the stream ends.
    func run(_ send: @escaping @Sendable (EventStreamMessage) async -> Bool) async
}

public struct EventStreamMessage: Sendable {
    public var event: String?
    public var data: String
    /// A comment line only (`: keep-alive`): no event reaches the page.
    public var comment: String?

    public static let keepAlive = EventStreamMessage(comment: "keep-alive")

    init(comment: String) {
        self.data = ""
        self.comment = comment
    }

    public init(event: String? = nil, data: String) {
        self.event = event
        self.data = data
    }

    /// The text on the wire: `event:` and one `data:` line per line of `data`, a blank line after.
    var wire: String {
        if let comment { return ": \(comment)\n\n" }
        var text = event.map { "event: \($0)\n" } ?? ""
        // A CR, LF or CRLF inside the data would end the line early: each starts a data line.
        for line in data.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            text += "data: " + line + "\n"
        }
        return text + "\n"
    }
}
