import ACLogModel

/// loguru's default format: `2026-11-25 10:00:00.123 | ERROR    | module:function:42 - message`.
/// AgentChat's middleware line `GET /health 200 time_cost=2.091ms` also gives the HTTP fields.
public struct LoguruFormat: LogFormat {
    public let name = "loguru"
    public init() {}

    public func parse(_ line: LineBytes) -> ParsedLine? {
        // 2026-11-25 10:00:00.123 |
        guard line.count > 30, line.digits(0, 4), line.is(4, "-"), line.is(10, " "), line.is(13, ":"), line.is(19, "."),
              line.hasPrefix(" | ", at: 23)
        else { return nil }
        let levelStart = 26
        guard let bar = line.index(of: "|", from: levelStart) else { return nil }
        let levelWord = line.string(levelStart..<bar).trimmingTrailingSpaces
        guard !levelWord.isEmpty, levelWord.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) else { return nil }
        guard let separator = line.index(of: " - ", from: bar + 1) else { return nil }
        let source = line.string((bar + 2)..<separator)
        let parts = source.split(separator: ":")
        var fields = Fields()
        if parts.count == 3 {
            fields.set("logger", String(parts[0]))
            fields.set("function", String(parts[1]))
            fields.set("line", Int(parts[2]))
        } else {
            fields.set("logger", source)
        }
        let text = line.rest(from: separator + 3)
        if let request = Self.middlewareRequest(text) { request.store(in: &fields) }
        let level = LevelWords.loguru[levelWord] ?? Level(word: levelWord) ?? .unknown
        return ParsedLine(level: level, fields: fields, announcesBlock: ContinuationShape.announcesBlock(text))
    }

    /// `GET /health 200 time_cost=2.091ms`
    static func middlewareRequest(_ text: String) -> AccessRequest? {
        // Most loguru messages are not requests: settle those without splitting them.
        guard text.hasSuffix("ms"), text.utf8.contains(UInt8(ascii: "=")) else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count >= 4, let last = parts.last, last.hasPrefix("time_cost="), last.hasSuffix("ms"),
              parts[0].allSatisfy({ $0.isUppercase }), let status = Int(parts[parts.count - 2]), (100...599).contains(status)
        else { return nil }
        let latency = Double(last.dropFirst("time_cost=".count).dropLast(2))
        return AccessRequest(method: String(parts[0]), path: parts[1..<(parts.count - 2)].joined(separator: " "),
                             status: status, latencyMs: latency)
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
