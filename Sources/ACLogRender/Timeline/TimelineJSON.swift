import ACLogModel
import ACLogQuery

/// `aclog timeline -o json`: one object per entry and line, in time order.
public enum TimelineJSON {
    public static func render(_ entries: [TimelineEntry], into out: inout some LineSink) {
        for entry in entries { out.line(object(entry)) }
    }

    public static func object(_ e: TimelineEntry) -> String {
        let text = { (s: String?) in s.map(JSONString.quoted) ?? "null" }
        var fields = [
            "\"time\":\"\(Timestamp.rfc3339(e.time))\"",
            "\"end\":\(e.end.map { "\"\(Timestamp.rfc3339($0))\"" } ?? "null")",
            "\"service\":\(text(e.service))", "\"container\":\(text(e.container))",
            "\"kind\":\"\(e.kind.rawValue)\"", "\"trouble\":\(e.kind.isTrouble)",
            "\"summary\":\(JSONString.quoted(e.summary))", "\"detail\":\(text(e.detail))",
            "\"see\":\(JSONString.quoted(e.seeMore))", "\"link\":\(JSONString.quoted(e.webLink))",
        ]
        if let c = e.context { fields.append("\"context\":" + context(c)) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func context(_ c: CrashContext) -> String {
        let number = { (v: Double?) in v.map { String(Int64($0.rounded())) } ?? "null" }
        let lines = c.lastLines.map { r in
            "{\"time\":\"\(Timestamp.rfc3339(r.time))\",\"stream\":\"\(r.stream.name)\",\"level\":\"\(r.level.name)\",\"message\":\(JSONString.quoted(r.message))}"
        }
        return "{\"memory_max_bytes\":\(number(c.memoryMax)),\"memory_last_bytes\":\(number(c.memoryLast)),"
            + "\"memory_limit_bytes\":\(number(c.memoryLimit)),\"cpu_max_percent\":\(number(c.cpuMax)),"
            + "\"cpu_limit_percent\":\(number(c.cpuLimit)),\"last_lines\":[\(lines.joined(separator: ","))]}"
    }
}
