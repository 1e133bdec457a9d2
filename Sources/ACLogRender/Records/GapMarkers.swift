import ACLogModel
import ACLogQuery

/// The spans with no records inside what `tail` or `grep` show, as marker lines placed by time
/// among the records: `-- no records 2026-11-25 02:10:04 – 02:14:40 (4 min 36 s): collector not
/// running --`, or in JSON an object with `"type":"gap"`. The raw format has none: it is the
/// lines as printed.
package struct GapMarkers {
    private var pending: [CoverageGap]
    package let format: RecordFormat
    package let utc: Bool
    package let colour: Bool

    package init(gaps: [CoverageGap], format: RecordFormat, utc: Bool, colour: Bool) {
        pending = format == .raw ? [] : gaps.sorted { $0.start < $1.start }
        self.format = format
        self.utc = utc
        self.colour = colour
    }

    /// The markers of the gaps that start before `time`, each once.
    package mutating func before(_ time: Int64) -> [String] {
        let due = pending.prefix { $0.start < time }
        pending.removeFirst(due.count)
        return due.map(line)
    }

    /// The markers not printed yet.
    package mutating func rest() -> [String] {
        defer { pending = [] }
        return pending.map(line)
    }

    package func line(_ gap: CoverageGap) -> String {
        let scope = gap.container.map { " of \(gap.service ?? $0) (\($0))" } ?? ""
        if format == .json {
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

    package static func span(_ nanos: Int64) -> String {
        let s = nanos / Timestamp.nanosPerSecond
        if s >= 86_400 { return "\(s / 86_400) d \(s % 86_400 / 3_600) h" }
        if s >= 3_600 { return "\(s / 3_600) h \(s % 3_600 / 60) min" }
        if s >= 60 { return "\(s / 60) min \(s % 60) s" }
        return "\(s) s"
    }
}
