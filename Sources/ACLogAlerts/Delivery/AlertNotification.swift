import ACLogModel

/// A notification as its channel sends it: what the outbox holds, with the rule's severity and the
/// web view's link.
public struct AlertNotification: Sendable, Equatable {
    public var id: Int64
    public var channel: String
    public var rule: String
    /// `firing` or `resolved`.
    public var state: String
    public var severity: AlertRule.Severity
    public var service: String
    public var container: String
    /// When what it tells of happened (nanoseconds).
    public var time: Int64
    public var summary: String
    public var value: String?
    /// Occurrences since the last notification of its alert, the suppressed ones included.
    public var count: Int
    /// Up to 10 records as a JSON array of {time, level, message}.
    public var records: String
    public var url: String?
    /// Attempts made so far, and when it was made (for the retry span).
    public var attempts: Int
    public var made: Int64

    /// The webhook's body (and `exec`'s standard input): one JSON object.
    public var json: String {
        var out = "{\"id\":\(id),\"rule\":\(JSONString.quoted(rule)),\"state\":\(JSONString.quoted(state))"
        out += ",\"severity\":\(JSONString.quoted(severity.rawValue)),\"service\":\(JSONString.quoted(service))"
        out += ",\"container\":\(JSONString.quoted(container)),\"time\":\"\(Timestamp.rfc3339(time))\""
        out += ",\"summary\":\(JSONString.quoted(summary)),\"value\":\(value.map(JSONString.quoted) ?? "null")"
        out += ",\"count\":\(count),\"records\":\(records),\"url\":\(url.map(JSONString.quoted) ?? "null")}"
        return out
    }

    /// A title a person reads on a phone: `[FIRING] traceback: backend`.
    public var title: String {
        "[\(state.uppercased())] \(rule)" + (service.isEmpty ? "" : ": \(service)")
    }

    /// The text of chat channels: the summary, the count, the first records' first lines, the link.
    public func text(recordLines: [String], limit: Int) -> String {
        var lines = [summary + (count > 1 ? " (\(count) times)" : "")]
        lines += recordLines.prefix(5).map { "  " + $0 }
        if let url { lines.append(url) }
        let text = lines.joined(separator: "\n")
        return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }
}
