import ACLogModel

/// Python `logging` defaults: `basicConfig()`'s `WARNING:root:message`, and gunicorn's
/// `[2026-11-25 10:00:00 +0800] [7] [INFO] message` (its access lines are bare uvicorn-style lines).
public struct PythonLoggingFormat: LogFormat {
    public let name = "python"
    public init() {}

    public func parse(_ line: LineBytes) -> ParsedLine? {
        if line.is(0, "[") { return gunicorn(line) }
        // LEVEL:logger:message
        guard let first = line.index(of: ":", from: 0), first <= 8, let level = LevelWords.python[line.string(0..<first)],
              let second = line.index(of: ":", from: first + 1), second > first + 1
        else {
            return bareAccess(line)
        }
        let logger = line.string((first + 1)..<second)
        guard !logger.contains(" ") else { return nil }
        var fields = Fields()
        fields.set("logger", logger)
        let text = line.rest(from: second + 1)
        return ParsedLine(level: level, fields: fields, announcesBlock: ContinuationShape.announcesBlock(text))
    }

    func gunicorn(_ line: LineBytes) -> ParsedLine? {
        guard let close = line.index(of: "] [", from: 1), line.digits(1, 4),
              let pidEnd = line.index(of: "] [", from: close + 3), let pid = Int(line.string((close + 3)..<pidEnd)),
              let levelEnd = line.index(of: "]", from: pidEnd + 3),
              let level = LevelWords.python[line.string((pidEnd + 3)..<levelEnd)]
        else { return nil }
        var fields = Fields()
        fields.set("logger", "gunicorn")
        fields.set("pid", pid)
        let text = line.rest(from: min(line.count, levelEnd + 2))
        return ParsedLine(level: level, fields: fields, announcesBlock: ContinuationShape.announcesBlock(text))
    }

    /// gunicorn's `--access-logfile -` with UvicornWorker: `1.2.3.4:5 - "GET / HTTP/1.1" 200`.
    func bareAccess(_ line: LineBytes) -> ParsedLine? {
        guard let access = AccessRequest.parseUvicorn(line, from: 0), !(access.client ?? "").contains(" ") else { return nil }
        var fields = Fields()
        access.store(in: &fields)
        return ParsedLine(level: access.level, fields: fields)
    }
}
