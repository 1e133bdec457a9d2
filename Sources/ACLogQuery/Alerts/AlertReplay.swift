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
            var judge = AlertEventJudge(trigger)
            for e in try self.events(containers: containers, since: since, until: until) {
                guard judge.judge(service: e.service, time: e.time, action: e.action, exitCode: e.exitCode, detail: e.detail) == .fires else { continue }
                occurred(e.time, e.service, judge.loopSummary(service: e.service, container: e.container) ?? "\(e.container) \(e.summary)")
            }
        case .newSignature(let days):
            let memory = try SignatureMemory(db: db, since: since - Int64(days) * 86_400 * Timestamp.nanosPerSecond, until: since)
            try forEachRecord(containers: containers, since: since, until: until, minLevel: .error) { record in
                let signature = ErrorSignature.of(record.message)
                guard memory.isNew(signature, service: record.service, at: record.time, days: days) else { return }
                occurred(record.time, record.service, "a new error: " + firstLine(record.message), key: signature)
            }
        case .rate(let rate):
            try replayRate(rate, holdFor: rule.holdFor ?? 0, containers: containers, since: since, until: until) { time, service, example in
                occurred(time, service, example)
            }
        case .resource(let resource):
            try replayResource(resource, holdFor: rule.holdFor ?? 0, containers: containers, since: since, until: until) { time, service, container, example in
                occurred(time, service, example, key: container)
            }
        case .silence(let span):
            try replaySilence(span, holdFor: rule.holdFor ?? 0, containers: containers, since: since, until: until) { time, service, example in
                occurred(time, service, example)
            }
        }
        return AlertReplay(rule: rule.name, firings: AlertReplay.firings(occurrences, cooldown: rule.cooldown))
    }

    /// A `rate` rule minute by minute, from the per-minute counts: each time its window's count
    /// passes the threshold (and stays past it for `holdFor`), an occurrence.
    func replayRate(_ rate: AlertRule.RateTrigger, holdFor: Int64, containers: [Int64], since: Int64, until: Int64,
                    _ occurred: (Int64, String, String) -> Void) throws {
        let minute = Timestamp.nanosPerMinute
        let span = (rate.over + minute - 1) / minute * minute
        let buckets = try errorBuckets(containers: containers, since: since - span, until: until, bucket: minute)
        let baselines = try RateBaselines(db: db)
        for (service, rows) in Dictionary(grouping: buckets, by: \.service) {
            var counts: [Int64: Int64] = [:]
            for row in rows {
                let count = switch rate.of { case .records: row.records; case .errors: row.errors; case .fiveXX: row.serverErrors }
                counts[row.start, default: 0] += count
            }
            var condition = HeldCondition(holdFor: holdFor)
            var end = Timestamp.floor(since, to: minute) + minute
            while end <= until {
                var sum: Int64 = 0
                var start = end - span
                while start < end { sum += counts[start] ?? 0; start += minute }
                var threshold: Double?
                switch rate.threshold {
                case .count(let n): threshold = Double(n)
                case .baseline(let factor): threshold = try baselines.usual(rate.of, service: service, over: rate.over, now: end).map { $0 * factor }
                }
                if condition.update(holds: threshold.map { Double(sum) > $0 } ?? false, at: end) == .fires, let threshold {
                    occurred(end, service, "\(sum) \(rate.of.words) in the \(span / minute) min before, above \(Int(threshold.rounded()))")
                }
                end += minute
            }
        }
    }
}
