import ACLogModel
import ACLogTextSearch

/// One rule of `alerts.rules`: `name`, `service` (a name or a list), exactly one trigger, its
/// options, `notify` (channels of `alerts.notify`), `for`, `cooldown`, `severity`.
enum AlertRuleSection {
    typealias Mistake = Configuration.Mistake

    static func read(_ rule: inout ConfigObject, channels: [AlertChannel]) throws(Mistake) -> AlertRule {
        guard let name = try rule.string("name"), !name.text.isEmpty else {
            throw Mistake(line: rule.line, reason: "'\(rule.path)' needs a name")
        }
        let services = try serviceNames(&rule)
        let trigger = try self.trigger(&rule)
        guard let notify = try rule.strings("notify"), !notify.isEmpty else {
            throw Mistake(line: rule.line, reason: "\(rule.name("notify")) must list the channels to tell (names of alerts.notify)")
        }
        if let unknown = notify.first(where: { name in !channels.contains { $0.name == name } }) {
            let known = channels.map(\.name).joined(separator: ", ")
            throw Mistake(line: rule.line, reason: "\(rule.name("notify")) names '\(unknown)', which is not a channel of alerts.notify (\(known.isEmpty ? "none is set" : known))")
        }
        let holdFor = try rule.string("for").map { text throws(Mistake) in try RetentionSection.duration(text, rule.name("for")) }
        let cooldown = try rule.string("cooldown").map { text throws(Mistake) in try RetentionSection.duration(text, rule.name("cooldown")) }
        var severity = AlertRule.Severity.warning
        if let word = try rule.string("severity") {
            guard let known = AlertRule.Severity(rawValue: word.text) else {
                throw Mistake(line: word.line, reason: "\(rule.name("severity")) '\(word.text)' is not one of info, warning, critical")
            }
            severity = known
        }
        try rule.finish()
        return AlertRule(name: name.text, services: services, trigger: trigger, notify: notify, holdFor: holdFor,
                         cooldown: cooldown ?? AlertRule.defaultCooldown, severity: severity)
    }

    static func serviceNames(_ rule: inout ConfigObject) throws(Mistake) -> [String] {
        guard let node = rule.node("service") else { return [] }
        switch node.value {
        case .string(let name): return [name]
        case .array(let items):
            return try items.map { item throws(Mistake) in
                guard case .string(let name) = item.value else { throw rule.mistake(item, "service", "must be a service name or a list of them") }
                return name
            }
        default: throw rule.mistake(node, "service", "must be a service name or a list of them")
        }
    }

    /// The one trigger; `level` is the lowest level of a `match`, or a trigger of its own.
    static func trigger(_ rule: inout ConfigObject) throws(Mistake) -> AlertRule.Trigger {
        if let pattern = try rule.string("match") {
            do {
                _ = try ExtendedRegex(pattern.text)
            } catch {
                throw Mistake(line: pattern.line, reason: "\(rule.name("match")): \(error)")
            }
            let level = try self.level(&rule)
            var stream: LogStream?
            if let word = try rule.string("stream") {
                guard let known = LogStream.allCases.first(where: { $0.name == word.text }) else {
                    throw Mistake(line: word.line, reason: "\(rule.name("stream")) '\(word.text)' is not stdout or stderr")
                }
                stream = known
            }
            try only("match", &rule)
            return .match(pattern: pattern.text, level: level, stream: stream)
        }
        if let level = try self.level(&rule) {
            try only("level", &rule)
            return .level(level)
        }
        if let event = try rule.string("event") {
            let trigger = try AlertEventSection.read(event, &rule)
            try only("event", &rule)
            return .event(trigger)
        }
        if var rate = try rule.object("rate") {
            let trigger = try AlertRateSection.read(&rate)
            try only("rate", &rule)
            return .rate(trigger)
        }
        if let node = rule.node("new_signature") {
            let days = try newSignatureDays(node, &rule)
            try only("new_signature", &rule)
            return .newSignature(days: days)
        }
        if var resource = try rule.object("resource") {
            let trigger = try AlertResourceSection.read(&resource)
            try only("resource", &rule)
            return .resource(trigger)
        }
        if let quiet = try rule.string("silence") {
            let span = try RetentionSection.duration(quiet, rule.name("silence"))
            try only("silence", &rule)
            return .silence(span)
        }
        throw Mistake(line: rule.line, reason: "'\(rule.path)' has no trigger: give one of \(AlertsSection.triggers.joined(separator: ", "))")
    }

    /// No second trigger beside `chosen` (a `level` beside `match` is the match's option).
    static func only(_ chosen: String, _ rule: inout ConfigObject) throws(Mistake) {
        for other in AlertsSection.triggers where other != chosen && !(chosen == "match" && other == "level") {
            if let node = rule.node(other) {
                throw Mistake(line: node.line, reason: "'\(rule.path)' has two triggers, \(chosen) and \(other): a rule has one")
            }
        }
    }

    static func level(_ rule: inout ConfigObject) throws(Mistake) -> Level? {
        guard let word = try rule.string("level") else { return nil }
        guard let level = Level(word: word.text.lowercased()), level != .unknown else {
            throw Mistake(line: word.line, reason: "\(rule.name("level")) '\(word.text)' is not a level (trace, debug, info, warn, error, fatal)")
        }
        return level
    }

    static func newSignatureDays(_ node: ConfigNode, _ rule: inout ConfigObject) throws(Mistake) -> Int {
        switch node.value {
        case .bool(true): return 7
        case .object:
            var options = try ConfigObject(node, path: rule.name("new_signature"))
            let days = try options.integer("days", minimum: 1) ?? 7
            try options.finish()
            return days
        default: throw rule.mistake(node, "new_signature", "must be true or {\"days\": N}")
        }
    }
}
