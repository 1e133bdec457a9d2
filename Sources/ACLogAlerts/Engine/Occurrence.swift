import ACLogModel

/// Something a rule saw: a record it matched, or an event it watches for.
struct Occurrence {
    enum Kind { case fires, resolves }

    var kind: Kind = .fires
    var time: Int64
    var service: String
    var container: String
    /// The error signature for `match` rules ('' for others): alerts of one rule and service are
    /// told apart by it.
    var key: String = ""
    /// One line a person reads.
    var summary: String
    var value: String?
    /// The record as the notification shows it (a JSON object), for records.
    var record: String?
    /// Written before the collector caught up: told in one summary, not as news.
    var backlog = false

    /// What a catch-up summary says: the services, and the first occurrence.
    static func catchUpSummary(services: Set<String>, first: String) -> String {
        "written while aclog was away (\(services.sorted().joined(separator: ", "))), first: \(first)"
    }

    /// A record as notifications carry it: time, level and message (its first 2,000 characters).
    static func recordJSON(_ record: LogRecord) -> String {
        let message = record.message.count > 2_000 ? String(record.message.prefix(2_000)) + "…" : record.message
        return "{\"time\":\"\(Timestamp.rfc3339(record.time))\",\"level\":\"\(record.level.name)\",\"message\":\(JSONString.quoted(message))}"
    }
}
