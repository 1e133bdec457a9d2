import ACLogModel
import ACLogQuery

/// A span with no records, as a line among them: `-- no records 2026-11-25 02:10:04 – 02:14:40
/// (4 min 36 s): collector not running --`, or in JSON an object with `"type":"gap"`.
public struct GapLine: Sendable {
    public let json: Bool
    public let utc: Bool
    public let colour: Bool

    public init(json: Bool, utc: Bool, colour: Bool) {
        self.json = json
        self.utc = utc
        self.colour = colour
    }

    public func line(_ gap: CoverageGap) -> String {
        let scope = gap.container.map { " of \(gap.service ?? $0) (\($0))" } ?? ""
        if json {
            return "{\"type\":\"gap\",\"start\":\"\(Timestamp.rfc3339(gap.start))\",\"end\":\"\(Timestamp.rfc3339(gap.end))\","
                + "\"service\":\(gap.service.map(JSONString.quoted) ?? "null"),\"container\":\(gap.container.map(JSONString.quoted) ?? "null"),"
                + "\"reason\":\(JSONString.quoted(gap.reason))}"
        }
        let start = Timestamp.display(gap.start, utc: utc).prefix(19)
        let end = Timestamp.display(gap.end, utc: utc).prefix(19)
        let endText = start.prefix(10) == end.prefix(10) ? end.dropFirst(11) : end
        let text = "-- no records\(scope) \(start) – \(endText) (\(Self.span(gap.end - gap.start))): \(gap.reason) --"
        return colour ? LevelColour.dim + text + LevelColour.reset : text
    }

    static func span(_ nanos: Int64) -> String {
        let s = nanos / Timestamp.nanosPerSecond
        if s >= 86_400 { return "\(s / 86_400) d \(s % 86_400 / 3_600) h" }
        if s >= 3_600 { return "\(s / 3_600) h \(s % 3_600 / 60) min" }
        if s >= 60 { return "\(s / 60) min \(s % 60) s" }
        return "\(s) s"
    }
}
