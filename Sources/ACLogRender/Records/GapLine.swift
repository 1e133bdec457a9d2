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
        let scope = Self.scope(gap)
        if json {
            return "{\"type\":\"gap\",\"start\":\"\(Timestamp.rfc3339(gap.start))\",\"end\":\"\(Timestamp.rfc3339(gap.end))\","
                + "\"service\":\(gap.service.map(JSONString.quoted) ?? "null"),\"container\":\(gap.container.map(JSONString.quoted) ?? "null"),"
                + "\"reason\":\(JSONString.quoted(gap.reason))}"
        }
        let text = "-- no records\(scope) \(DurationText.span(from: gap.start, to: gap.end, utc: utc)): \(gap.reason) --"
        return colour ? LevelColour.dim + text + LevelColour.reset : text
    }

    /// Whose records the gap is of, when it is of one container: ` of backend (app-backend-1)`.
    package static func scope(_ gap: CoverageGap) -> String {
        gap.container.map { " of \(gap.service ?? $0) (\($0))" } ?? ""
    }
}
