import ACLogModel
import ACLogSQLite

/// `aclog alerts test` for the conditions that last: `resource` at each stored sample (with the
/// collector's reading, `ResourceReading`), `silence` minute by minute from the per-minute counts
/// and the containers' starts and stops. Each fires once it has held for the rule's `for`, and
/// again only after it ended.
extension ReadOnlyDatabase {
    func replayResource(_ trigger: AlertRule.ResourceTrigger, holdFor: Int64, containers: [Int64], since: Int64, until: Int64,
                        _ occurred: (_ time: Int64, _ service: String, _ container: String, _ example: String) -> Void) throws {
        let from = since - ResourceReading.growthSpan
        var rows = try metricRows(tier: .raw, containers: containers, since: from, until: until, metrics: [.cpu, .mem])
        if rows.isEmpty { rows = try metricRows(tier: .minute, containers: containers, since: from, until: until, metrics: [.cpu, .mem]) }
        let names = try containerNames(containers)
        for (row, kept) in Dictionary(grouping: rows, by: \.container) {
            let name = names[row]?.name ?? String(row)
            var samples: [MetricSample] = []
            var condition = HeldCondition(holdFor: holdFor)
            for r in kept.sorted(by: { $0.time < $1.time }) {
                var values: [Metric: Double] = [:]
                values[.cpu] = r.summaries[.cpu]?.avg
                values[.mem] = r.summaries[.mem]?.avg
                samples.append(MetricSample(time: r.time, values: values, memoryLimit: r.memoryLimit))
                samples.removeAll { r.time - $0.time > ResourceReading.growthSpan }
                let reading = ResourceReading.read(trigger, samples: samples, cpuLimit: r.cpuLimit, now: r.time)
                guard condition.update(holds: reading?.holds ?? false, at: r.time) == .fires, r.time >= since, let reading else { continue }
                occurred(r.time, r.service, name, Self.describe(trigger, reading, container: name))
            }
        }
    }

    static func describe(_ trigger: AlertRule.ResourceTrigger, _ reading: ResourceReading, container: String) -> String {
        let percent = Int((reading.share ?? 0).rounded())
        switch trigger {
        case .above(.cpu, _): return "\(container): CPU at \(percent)% of " + (reading.limit == nil ? "one core" : "its limit")
        case .above(.mem, _): return "\(container): memory at \(percent)% of its limit"
        case .memoryLimitWithin: return "\(container): memory full in about \(Int64(max(0, reading.eta ?? 0)) / Timestamp.nanosPerMinute) min at its growth"
        }
    }

    func replaySilence(_ span: Int64, holdFor: Int64, containers: [Int64], since: Int64, until: Int64,
                       _ occurred: (_ time: Int64, _ service: String, _ example: String) -> Void) throws {
        let minute = Timestamp.nanosPerMinute
        let lookBack = since - 7 * 86_400 * Timestamp.nanosPerSecond
        let active = Dictionary(grouping: try errorBuckets(containers: containers, since: lookBack, until: until, bucket: minute).filter { $0.records > 0 },
                                by: \.service).mapValues { $0.map(\.start).sorted() }
        let events = try self.events(containers: containers, since: .min, until: until, query: "timeline_events")
        for service in Set(try containerNames(containers).values.map(\.service)).sorted() {
            let minutes = active[service] ?? []
            let changes = events.filter { $0.service == service }
            var running: [Int64: Bool] = [:]
            var nextEvent = 0, nextMinute = 0
            var lastRecordEnd: Int64?
            var condition = HeldCondition(holdFor: holdFor)
            var end = Timestamp.floor(since, to: minute) + minute
            while end <= until {
                while nextEvent < changes.count, changes[nextEvent].time < end {
                    let e = changes[nextEvent]
                    switch e.action {
                    case "start", "restart", "unpause": running[e.containerRow] = true
                    case "die", "stop", "destroy", "pause": running[e.containerRow] = false
                    default: break
                    }
                    nextEvent += 1
                }
                while nextMinute < minutes.count, minutes[nextMinute] + minute <= end {
                    lastRecordEnd = minutes[nextMinute] + minute
                    nextMinute += 1
                }
                let quiet = lastRecordEnd.map { end - $0 } ?? 0
                let holds = running.values.contains(true) && quiet >= span
                if condition.update(holds: holds, at: end) == .fires {
                    occurred(end, service, "\(service): no records for \(quiet / minute) min")
                }
                end += minute
            }
        }
    }

    /// Row → the container's name and service.
    func containerNames(_ containers: [Int64]) throws(StoreError) -> [Int64: (name: String, service: String)] {
        let s = try db.prepare(NamedQuery.sql("container_names"))
        try s.bind(Self.jsonArray(containers), named: ":containers")
        var names: [Int64: (name: String, service: String)] = [:]
        while try s.step() { names[s.int64(0)] = (s.text(1), s.text(2)) }
        return names
    }
}
