import ACLogModel

/// uvicorn's default formatter: `INFO:     message` (the level padded to column 11; uvicorn < 0.11
/// used one space), and access lines `INFO:     1.2.3.4:5678 - "GET /path HTTP/1.1" 200 OK`,
/// whose level follows the status (5xx error, 4xx warn).
public struct UvicornFormat: LogFormat {
    public let name = "uvicorn"
    public var firstBytes: FirstBytes { .capitals }
    public init() {}

    public func parse(_ line: LineBytes) -> ParsedLine? {
        guard let colon = line.index(of: ":", from: 0), colon <= 8, colon + 1 < line.count, line[colon + 1] == 32,
              let level = LevelWords.uvicorn[line.string(0..<colon)]
        else { return customAccess(line) }
        let start = line.skipSpaces(colon + 1)
        var fields = Fields()
        fields.set("logger", "uvicorn")
        if let access = AccessRequest.parseUvicorn(line, from: start) {
            access.store(in: &fields)
            return ParsedLine(level: access.level, fields: fields)
        }
        let text = line.rest(from: start)
        return ParsedLine(level: level, fields: fields, announcesBlock: ContinuationShape.announcesBlock(text))
    }
}

extension UvicornFormat {
    /// A `%(levelname)s   %(message)s` formatter seen in the wild: `INFO   10.42.0.1:43976 - "GET / HTTP/1.1" 200`.
    func customAccess(_ line: LineBytes) -> ParsedLine? {
        var end = 0
        while line.isUpper(end) { end += 1 }
        guard end >= 4, LevelWords.uvicorn[line.string(0..<end)] != nil, line.hasPrefix("  ", at: end),
              let access = AccessRequest.parseUvicorn(line, from: line.skipSpaces(end))
        else { return nil }
        var fields = Fields()
        fields.set("logger", "uvicorn")
        access.store(in: &fields)
        return ParsedLine(level: access.level, fields: fields)
    }
}

/// The parts of an HTTP access line.
struct AccessRequest {
    var client: String?
    var method: String
    var path: String
    var status: Int
    var bytes: Int?
    var latencyMs: Double?

    var level: Level { Self.level(status: status) }

    /// 5xx error, 4xx warn, else info.
    static func level(status: Int) -> Level { status >= 500 ? .error : status >= 400 ? .warn : .info }

    func store(in fields: inout Fields) {
        fields.set("client", client)
        fields.set("http.method", method)
        fields.set("http.path", path)
        fields.set("http.status", status)
        fields.set("http.bytes", bytes)
        fields.set("http.latency_ms", latencyMs)
    }

    /// `CLIENT - "METHOD TARGET HTTP/x" STATUS [PHRASE]` (uvicorn; gunicorn's bare access line too).
    static func parseUvicorn(_ line: LineBytes, from start: Int) -> AccessRequest? {
        guard let dash = line.index(of: " - \"", from: start) else { return nil }
        guard let request = requestLine(line, from: dash + 4), request.end + 1 < line.count, line.is(request.end, " "),
              let status = line.number(at: request.end + 1), status.value >= 100, status.value <= 599, status.end - request.end == 4
        else { return nil }
        let client = line.string(start..<dash)
        return AccessRequest(client: client.isEmpty ? nil : client, method: request.method, path: request.path,
                             status: status.value)
    }

    /// `METHOD TARGET HTTP/x"`: the request inside quotes, up to and including the closing quote.
    static func requestLine(_ line: LineBytes, from i: Int) -> (method: String, path: String, end: Int)? {
        var j = i
        while line.isUpper(j) { j += 1 }
        guard j > i, line.is(j, " ") else { return nil }
        let method = line.string(i..<j)
        let targetStart = j + 1
        guard let space = line.index(of: " ", from: targetStart), let quote = line.index(of: "\"", from: space) else { return nil }
        guard line.string((space + 1)..<quote).hasPrefix("HTTP/") else { return nil }
        return (method, line.string(targetStart..<space), quote + 1)
    }
}
