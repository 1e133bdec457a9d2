import NIOCore

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
    /// The bytes on the wire: `event:` and one `data:` line per line of the data, a blank line
    /// after. One message sent to many viewers is one buffer, written to each without a copy.
    let bytes: ByteBuffer

    /// The text on the wire.
    public var wire: String { String(buffer: bytes) }

    /// A comment line only (`: keep-alive`): no event reaches the page.
    public static let keepAlive = EventStreamMessage(wire: ": keep-alive\n\n")

    private init(wire: String) {
        bytes = ByteBuffer(string: wire)
    }

    public init(event: String? = nil, data: String) {
        self.init(event: event, dataLines: Self.dataLines(data))
    }

    /// An event whose data is already in `data:` lines (see `dataLines`): a live stream encodes
    /// each entry once for every viewer and sends each viewer the lines of its own entries.
    init(event: String?, dataLines: String) {
        self.init(wire: (event.map { "event: \($0)\n" } ?? "") + dataLines + "\n")
    }

    /// `text` as `data:` lines. A CR, LF or CRLF inside it would end a line early: each starts a
    /// data line (the three line ends of the event-stream format; no other character ends one).
    static func dataLines(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return "data: " + text + "\n" }
        var out = ""
        out.reserveCapacity(bytes.count + 64)
        var start = bytes.startIndex, i = bytes.startIndex
        while i != bytes.endIndex {
            let byte = bytes[i]
            guard byte == 0x0A || byte == 0x0D else { i = bytes.index(after: i); continue }
            out += "data: " + text[start..<i] + "\n"
            i = bytes.index(after: i)
            if byte == 0x0D, i != bytes.endIndex, bytes[i] == 0x0A { i = bytes.index(after: i) }
            start = i
        }
        return out + "data: " + text[start..<i] + "\n"
    }
}
