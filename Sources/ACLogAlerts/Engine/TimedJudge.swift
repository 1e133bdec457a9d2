import ACLogModel
import ACLogQuery
import ACLogRender
import ACLogSQLite

/// Judges, once a second, the rules whose condition lasts: `rate` (a count over a window against
/// a number or the usual), `silence` (a running service that writes nothing), `resource` (CPU or
/// memory above a share of the limit, or memory growing to reach it). Each condition fires once
/// it has held for the rule's `for`, and resolves when it ends.
struct TimedJudge {
    let baselines: RateBaselines
    private var held = HeldConditions()

    init(baselines: RateBaselines) {
        self.baselines = baselines
    }

    /// The occurrences of each rule (by index) now.
    mutating func judge(_ rules: [WatchedRule], activity: ServiceActivity, book: AlertBook, now: Int64) throws(StoreError) -> [[Occurrence]] {
        var found = [[Occurrence]](repeating: [], count: rules.count)
        for (index, watched) in rules.enumerated() {
            let rule = watched.rule
            var conditions: [Condition] = []
            switch rule.trigger {
            case .rate(let rate):
                for service in activity.services where watched.watches(service: service) {
                    conditions.append(try self.rate(rate, service: service, activity: activity, now: now))
                }
            case .silence(let span):
                for service in activity.services where watched.watches(service: service) {
                    conditions.append(silence(span, service: service, activity: activity, now: now))
                }
            case .resource(let resource):
                for (container, kept) in activity.samples where watched.watches(service: kept.service) {
                    let running = activity.running[container] != nil
                    conditions.append(Self.resource(resource, container: container, service: kept.service, samples: running ? kept.samples : [],
                                                    cpuLimit: activity.cpuLimits[container], now: now))
                }
            default:
                continue
            }
            for condition in conditions {
                let key = AlertBook.Key(rule: rule.name, service: condition.service, signature: condition.container ?? "")
                let wasFiring = book.alerts[key]?.state == "firing"
                guard let kind = held.update(key, holds: condition.holds, now: now, holdFor: rule.holdFor ?? 0, wasFiring: wasFiring) else { continue }
                found[index].append(Occurrence(kind: kind, time: now, service: condition.service, container: condition.container ?? "",
                                               key: condition.container ?? "", summary: condition.summary, value: condition.value))
            }
        }
        return found
    }

    struct Condition {
        var service: String
        /// For conditions of one container (resources); nil for a service's.
        var container: String?
        var holds: Bool
        var summary: String
        var value: String?
    }

    private func rate(_ rate: AlertRule.RateTrigger, service: String, activity: ServiceActivity, now: Int64) throws(StoreError) -> Condition {
        let count = activity.count(rate.of, service: service, span: rate.over, now: now)
        let span = DurationText.elapsed(rate.over)
        var threshold: Double?
        var against = ""
        switch rate.threshold {
        case .count(let n):
            threshold = Double(n)
            against = "\(n)"
        case .baseline(let factor):
            if let usual = try baselines.usual(rate.of, service: service, over: rate.over, now: now) {
                threshold = usual * factor
                against = "\(factor)x the usual \(Int(usual.rounded()))"
            }
        }
        let holds = threshold.map { Double(count) > $0 } ?? false
        return Condition(service: service, holds: holds,
                         summary: "\(service): \(count) \(rate.of.words) in \(span)" + (holds ? ", above \(against)" : ", back to \(against) or fewer"),
                         value: String(count))
    }

    private func silence(_ span: Int64, service: String, activity: ServiceActivity, now: Int64) -> Condition {
        let running = activity.running.values.contains(service)
        let quiet = now - (activity.lastRecord[service] ?? now)
        let holds = running && quiet >= span
        return Condition(service: service, holds: holds,
                         summary: holds ? "\(service): no records for \(DurationText.elapsed(quiet))" : "\(service) writes again" + (running ? "" : " or stopped"),
                         value: String(quiet / Timestamp.nanosPerSecond))
    }

    static func resource(_ trigger: AlertRule.ResourceTrigger, container: String, service: String, samples: [MetricSample],
                         cpuLimit: Double?, now: Int64) -> Condition {
        var condition = Condition(service: service, container: container, holds: false, summary: "\(container): resources back to normal")
        guard let reading = ResourceReading.read(trigger, samples: samples, cpuLimit: cpuLimit, now: now) else { return condition }
        condition.holds = reading.holds
        switch trigger {
        case .above(.cpu, _):
            let share = reading.share ?? 0
            condition.value = share.decimal(places: 1)
            condition.summary = "\(container): CPU at \(share.decimal(places: 0))% of " + (cpuLimit == nil ? "one core" : "its limit")
        case .above(.mem, _):
            let share = reading.share ?? 0
            condition.value = share.decimal(places: 1)
            condition.summary = "\(container): memory at \(share.decimal(places: 0))% of its limit (\(MetricFormat.bytes(reading.used)) of \(MetricFormat.bytes(reading.limit ?? 0)))"
        case .memoryLimitWithin:
            let eta = reading.eta ?? 0, slope = reading.slope ?? 0
            condition.value = String(Int64(eta) / Timestamp.nanosPerSecond)
            condition.summary = "\(container): memory \(MetricFormat.bytes(reading.used)) of \(MetricFormat.bytes(reading.limit ?? 0)), growing "
                + "\(MetricFormat.bytes(slope * 3_600 * Double(Timestamp.nanosPerSecond)))/h: full in about \(DurationText.elapsed(Int64(max(0, eta))))"
        }
        return condition
    }
}
