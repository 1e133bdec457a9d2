import ACLogModel

/// `aclog alerts test`: how often a rule would have fired over stored history. Repeats within its
/// cooldown are counted into one firing, keyed as the collector keys alerts (rule, service, and
/// for `match` the error signature), so the figure is the number of notifications, not of lines.
public struct AlertReplay: Sendable, Equatable {
    public struct Firing: Sendable, Equatable {
        public var time: Int64
        public var service: String
        /// Occurrences this notification stands for (it and the repeats within the cooldown).
        public var count: Int
        /// What a person reads first: the message's first line, or the event in words.
        public var example: String
    }

    public var rule: String
    public var firings: [Firing]
    public var occurrences: Int { firings.reduce(0) { $0 + $1.count } }
    /// Why the rule was not replayed (a trigger the replay cannot judge yet); nil when it was.
    public var notReplayed: String?

    /// Occurrences in time order grouped into firings: one per key, then none until `cooldown`
    /// has passed since it.
    static func firings(_ occurrences: [(time: Int64, key: String, firing: Firing)], cooldown: Int64) -> [Firing] {
        var open: [String: Int] = [:]
        var firings: [Firing] = []
        for occurrence in occurrences.sorted(by: { $0.time < $1.time }) {
            if let index = open[occurrence.key], occurrence.time - firings[index].time < cooldown {
                firings[index].count += 1
            } else {
                open[occurrence.key] = firings.count
                firings.append(occurrence.firing)
            }
        }
        return firings
    }
}

extension ReadOnlyDatabase {
    /// The rule replayed over [since, until).
    public func replay(_ rule: AlertRule, since: Int64, until: Int64) throws -> AlertReplay {
        let containers = try containers(for: rule.services)
        var occurrences: [(time: Int64, key: String, firing: AlertReplay.Firing)] = []
        func occurred(_ time: Int64, _ service: String, _ example: String, key: String = "") {
            occurrences.append((time, service + "\u{0}" + key, AlertReplay.Firing(time: time, service: service, count: 1, example: example)))
        }
        func firstLine(_ text: String) -> String { String(text.prefix { $0 != "\n" }) }
        switch rule.trigger {
        case .match(let text, let level, let stream):
            let pattern = try SearchPattern(text, mode: .regex)
            try forEachMatch(pattern, containers: containers, since: since, until: until, minLevel: level ?? .unknown) { record in
                guard stream == nil || record.stream == stream else { return }
                occurred(record.time, record.service, firstLine(record.message), key: ErrorSignature.of(record.message))
            }
        case .level(let level):
            try forEachRecord(containers: containers, since: since, until: until, minLevel: level) { record in
                occurred(record.time, record.service, firstLine(record.message))
            }
        case .event(let trigger):
            if trigger == .deploy {
                return AlertReplay(rule: rule.name, firings: [], notReplayed: "aclog records no deploys yet (issue 19)")
            }
            var judge = AlertEventJudge(trigger)
            for e in try self.events(containers: containers, since: since, until: until) {
                guard judge.judge(service: e.service, time: e.time, action: e.action, exitCode: e.exitCode, detail: e.detail) == .fires else { continue }
                occurred(e.time, e.service, judge.loopSummary(service: e.service, container: e.container) ?? "\(e.container) \(e.summary)")
            }
        case .rate, .newSignature, .resource, .silence:
            return AlertReplay(rule: rule.name, firings: [], notReplayed: "the collector judges this trigger as it runs; replaying it over history is not built yet")
        }
        return AlertReplay(rule: rule.name, firings: AlertReplay.firings(occurrences, cooldown: rule.cooldown))
    }
}
