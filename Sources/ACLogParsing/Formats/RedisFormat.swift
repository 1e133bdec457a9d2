import ACLogModel

/// Redis: `1:M 26 Nov 2026 10:00:00.000 * message` (3.2+; older without the year), and
/// `1:signal-handler (1496141561) Received SIGINT ...`. Levels `.` and `-` debug, `*` info, `#` warn;
/// Redis has no error marker, so messages that say they failed are raised to error.
public struct RedisFormat: LogFormat {
    public let name = "redis"
    public var firstBytes: FirstBytes { .digits }
    public init() {}

    static let roles: [UInt8: String] = [
        UInt8(ascii: "M"): "master", UInt8(ascii: "S"): "replica", UInt8(ascii: "C"): "child", UInt8(ascii: "X"): "sentinel",
    ]

    public func parse(_ line: LineBytes) -> ParsedLine? {
        guard let pid = line.number(at: 0), line.is(pid.end, ":") else { return nil }
        var fields = Fields()
        fields.set("pid", pid.value)
        let afterColon = pid.end + 1
        if line.hasPrefix("signal-handler (", at: afterColon) {
            return ParsedLine(level: .warn, fields: fields)
        }
        guard afterColon + 2 < line.count, let role = Self.roles[line[afterColon]], line.is(afterColon + 1, " "),
              line.digits(afterColon + 2, 2), line.is(afterColon + 4, " ")
        else { return nil }
        fields.set("redis.role", role)
        // 26 Nov 2026 10:00:00.000 * or 30 May 12:50:13.457 *
        var i = afterColon + 2
        let withYear = line.digits(i + 7, 4) && line.is(i + 11, " ")
        let timeLength = withYear ? 24 : 19
        guard line.is(i + timeLength, " "), i + timeLength + 2 < line.count, line.is(i + timeLength + 2, " ") else { return nil }
        i += timeLength + 1
        var level: Level
        switch line[i] {
        case UInt8(ascii: "."), UInt8(ascii: "-"): level = .debug
        case UInt8(ascii: "*"): level = .info
        case UInt8(ascii: "#"): level = .warn
        default: return nil
        }
        if Self.soundsFailed(line, from: i + 2) { level = .error }
        return ParsedLine(level: level, fields: fields)
    }

    /// Whether the message that starts at `start` says something failed.
    static func soundsFailed(_ line: LineBytes, from start: Int) -> Bool {
        ["Error", "ERROR", "Failed", "Can't", "Fatal", "OOM"].contains { line.hasPrefix($0, at: start) }
            || line.index(of: "Background saving error", from: start) != nil || line.index(of: "MISCONF", from: start) != nil
    }
}
