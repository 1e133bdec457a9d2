import ACLogModel

/// loguru's default format: `2026-11-25 10:00:00.123 | ERROR    | module:function:42 - message`.
/// AgentChat's middleware line `GET /health 200 time_cost=2.091ms` also gives the HTTP fields.
public struct LoguruFormat: LogFormat {
    public let name = "loguru"
    public var firstBytes: FirstBytes { .digits }
    public init() {}

    public func parse(_ line: LineBytes) -> ParsedLine? {
        // 2026-11-25 10:00:00.123 |
        guard line.count > 30, line.digits(0, 4), line.is(4, "-"), line.is(10, " "), line.is(13, ":"), line.is(19, "."),
              line.hasPrefix(" | ", at: 23)
        else { return nil }
        let levelStart = 26
        guard let bar = line.index(of: "|", from: levelStart) else { return nil }
        var levelEnd = bar
        while levelEnd > levelStart, line[levelEnd - 1] == 32 { levelEnd -= 1 }
        guard levelEnd > levelStart,
              (levelStart..<levelEnd).allSatisfy({ line.isUpper($0) || line.isDigit($0) || line[$0] == 95 }) else { return nil }
        let levelWord = line.string(levelStart..<levelEnd)
        guard let separator = line.index(of: " - ", from: bar + 1), separator >= bar + 2 else { return nil }
        var fields = Fields()
        // module:function:line, empty parts skipped
        let parts = line.split(byte: UInt8(ascii: ":"), in: (bar + 2)..<separator)
        if parts.count == 3 {
            fields.set("logger", line.string(parts[0]))
            fields.set("function", line.string(parts[1]))
            fields.set("line", Int(line.string(parts[2])))
        } else {
            fields.set("logger", line.string((bar + 2)..<separator))
        }
        let text = line.rest(from: separator + 3)
        if let request = Self.middlewareRequest(line, from: separator + 3) { request.store(in: &fields) }
        let level = LevelWords.loguru[levelWord] ?? Level(word: levelWord) ?? .unknown
        return ParsedLine(level: level, fields: fields, announcesBlock: ContinuationShape.announcesBlock(text))
    }

    /// `GET /health 200 time_cost=2.091ms`, the message starting at `start`: words split on
    /// single spaces, empty ones skipped, as `split(separator: " ")` splits them.
    static func middlewareRequest(_ line: LineBytes, from start: Int) -> AccessRequest? {
        // Most loguru messages are not requests: settle those without splitting them.
        guard line.count - start >= 2, line.hasSuffix("ms"), line.index(of: "=", from: start) != nil else { return nil }
        let words = line.split(byte: 32, in: start..<line.count)
        guard words.count >= 4, let last = words.last, line.hasPrefix("time_cost=", at: last.lowerBound), last.count >= "time_cost=ms".count,
              words[0].allSatisfy({ line.isUpper($0) }),
              let status = Int(line.string(words[words.count - 2])), (100...599).contains(status)
        else { return nil }
        let latency = Double(line.string((last.lowerBound + "time_cost=".count)..<(last.upperBound - 2)))
        let path = words.count == 4 ? line.string(words[1]) : words[1...(words.count - 3)].map { line.string($0) }.joined(separator: " ")
        return AccessRequest(method: line.string(words[0]), path: path, status: status, latencyMs: latency)
    }
}
