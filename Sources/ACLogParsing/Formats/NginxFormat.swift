import ACLogModel

/// nginx: access lines in the combined format (optionally with `"$http_x_forwarded_for"` after it;
/// the remote may be an X-Forwarded-For list), and error-log lines
/// `2026/11/25 10:00:00 [error] 29#29: *1 message`.
public struct NginxFormat: LogFormat {
    public let name = "nginx"
    /// In an nginx container, a line that is none of nginx's continues the record before it
    /// (`PHP message: ...` after `FastCGI sent in stderr`); not when sniffing an unknown container.
    let unmatchedContinues: Bool

    public init(unmatchedContinues: Bool = false) {
        self.unmatchedContinues = unmatchedContinues
    }

    static let errorLevels: [String: Level] = [
        "debug": .debug, "info": .info, "notice": .info, "warn": .warn, "error": .error, "crit": .fatal, "alert": .fatal, "emerg": .fatal,
    ]

    public func parse(_ line: LineBytes) -> ParsedLine? {
        let message = line.text
        if line.count > 20, line.digits(0, 4), line.is(4, "/"), line.is(7, "/"), line.is(19, " ") { return error(line) }
        if message.hasPrefix("/docker-entrypoint.sh: ") || Self.isEntrypointScript(line) { return ParsedLine(level: .info) }
        if let parsed = access(line) { return parsed }
        return unmatchedContinues && !message.isEmpty ? ParsedLine(level: .unknown, startsRecord: false) : nil
    }

    /// `10-listen-on-ipv6-by-default.sh: info: ...` from the official image's entrypoint.
    static func isEntrypointScript(_ line: LineBytes) -> Bool {
        guard line.digits(0, 2), line.is(2, "-"), let colon = line.index(of: ": ", from: 3) else { return false }
        let script = line.string(0..<colon)
        return (script.hasSuffix(".sh") || script.hasSuffix(".envsh")) && !script.contains(" ")
    }

    func error(_ line: LineBytes) -> ParsedLine? {
        guard line.is(20, "["), let close = line.index(of: "]", from: 21),
              let level = Self.errorLevels[line.string(21..<close)] else { return nil }
        var fields = Fields()
        if let pid = line.number(at: close + 2), line.is(pid.end, "#"), let tid = line.number(at: pid.end + 1) {
            fields.set("pid", pid.value)
            fields.set("thread", tid.value)
            if line.hasPrefix(": *", at: tid.end), let cid = line.number(at: tid.end + 3) {
                fields.set("nginx.connection", cid.value)
            }
        }
        fields.set("logger", "nginx")
        return ParsedLine(level: level, fields: fields)
    }

    /// `REMOTE - USER [TIME] "REQUEST" STATUS BYTES "REFERER" "UA"["XFF"]`
    func access(_ line: LineBytes) -> ParsedLine? {
        guard let open = line.index(of: " [", from: 0), let dash = line.index(of: " - ", from: 0), dash + 3 <= open,
              let close = line.index(of: "] \"", from: open), close - open >= 20
        else { return nil }
        var i = close + 3
        // The request, with \" escapes.
        var end = i
        while end < line.count, !(line[end] == UInt8(ascii: "\"") && line[end - 1] != UInt8(ascii: "\\")) { end += 1 }
        guard end < line.count, let status = line.number(at: end + 2), line.is(end + 1, " "), status.end - end == 5 else { return nil }
        var fields = Fields()
        fields.set("client", line.string(0..<dash).trimmed { $0 == "\"" })
        let user = line.string((dash + 3)..<open)
        if user != "-" { fields.set("user", user) }
        let parts = line.split(byte: 32, in: i..<end)
        if parts.count == 3, line.hasPrefix("HTTP/", at: parts[2].lowerBound) {
            fields.set("http.method", line.string(parts[0]))
            fields.set("http.path", line.string(parts[1]))
        }
        fields.set("http.status", status.value)
        i = status.end + 1
        if let bytes = line.number(at: i) { fields.set("http.bytes", bytes.value) }
        // "REFERER" "UA" "XFF": only the third is a field.
        let quoted = Self.quotedRanges(line, from: i, upTo: 3)
        if quoted.count == 3, line.string(quoted[2]) != "-" { fields.set("http.forwarded_for", line.string(quoted[2])) }
        fields.set("logger", "nginx")
        return ParsedLine(level: AccessRequest.level(status: status.value), fields: fields)
    }

    /// The insides of the first `limit` quoted strings from `start` (`\"` does not close one).
    static func quotedRanges(_ line: LineBytes, from start: Int, upTo limit: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = start
        while out.count < limit, let open = line.index(of: "\"", from: i) {
            var j = open + 1
            while j < line.count, !(line[j] == UInt8(ascii: "\"") && line[j - 1] != UInt8(ascii: "\\")) { j += 1 }
            guard j < line.count else { break }
            out.append((open + 1)..<j)
            i = j + 1
        }
        return out
    }
}
