import ACLogModel
import ACLogQuery

/// `aclog alerts test`: each rule, how often it would have fired and for how many occurrences,
/// and its first firings. JSON: an object a rule.
public struct AlertReplayText {
    public var utc: Bool
    /// Firings listed per rule.
    public static let examples = 5

    public init(utc: Bool) {
        self.utc = utc
    }

    public func lines(_ replay: AlertReplay, rule: AlertRule, window: (since: Int64, until: Int64)) -> [String] {
        let head = "\(rule.name) (\(ConfigurationSummary.trigger(rule.trigger))): "
        let span = DurationText.elapsed(window.until - window.since)
        guard !replay.firings.isEmpty else { return [head + "would not have fired in \(span)"] }
        let fired = Plural.count(replay.firings.count, "notification"), seen = Plural.count(replay.occurrences, "occurrence")
        return [head + "\(fired) in \(span) for \(seen) (cooldown \(DurationText.elapsed(rule.cooldown)))"]
            + replay.firings.prefix(Self.examples).map { firing in
                "  \(Timestamp.display(firing.time, utc: utc).prefix(19))  \(firing.service)  x\(firing.count)  \(firing.example.prefix(160))"
            }
            + (replay.firings.count > Self.examples ? ["  … \(replay.firings.count - Self.examples) more"] : [])
    }

    public static func json(_ replay: AlertReplay) -> String {
        let firings = replay.firings.map { f in
            "{\"time\":\"\(Timestamp.rfc3339(f.time))\",\"service\":\(JSONString.quoted(f.service)),\"count\":\(f.count),\"example\":\(JSONString.quoted(f.example))}"
        }
        return "{\"rule\":\(JSONString.quoted(replay.rule)),\"notifications\":\(replay.firings.count),"
            + "\"occurrences\":\(replay.occurrences),\"firings\":[\(firings.joined(separator: ","))]}"
    }
}
