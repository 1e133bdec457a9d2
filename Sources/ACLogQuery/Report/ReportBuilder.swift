import ACLogModel
import ACLogSQLite

/// Reads what the report needs from the database.
public struct ReportBuilder {
    let database: ReadOnlyDatabase

    public init(database: ReadOnlyDatabase) {
        self.database = database
    }

    /// The report of [since, until) for some containers, compared with the period of the same
    /// length just before.
    public func build(containers: [Int64], since: Int64, until: Int64, now: Int64 = Timestamp.now()) throws -> Report {
        let length = until - since
        let bucket = Self.chartBucket(range: length)
        let trends = try database.hasMetrics()
            ? try database.trends(TrendQuestion(metrics: [.cpu, .mem], since: since, until: until, bucket: bucket), containers: containers, now: now)
            : []
        let from = Timestamp.floor(since, to: Timestamp.nanosPerMinute)
        let errors = try database.errorTotals(containers: containers, since: from, until: until)
        let before = try database.errorTotals(containers: containers, since: from - length, until: from)
        let events = try database.serviceEvents(containers: containers, since: since, until: until)

        let names = Set(trends.map(\.service)).union(errors.keys).union(events.keys).sorted()
        let deploys = try deployChanges(containers: containers, since: since, until: until)
        let sections = names.map { service in
            ServiceSection(
                service: service,
                cpu: trends.first { $0.service == service && $0.metric == .cpu },
                memory: trends.first { $0.service == service && $0.metric == .mem },
                events: events[service] ?? ServiceEvents(),
                errors: errors[service] ?? ErrorBucket(service: service, start: since, records: 0, errors: 0, requests: 0, serverErrors: 0),
                previousErrors: before[service],
                deploy: deploys[service])
        }

        let signatures = try database.errorSignatures(containers: containers, since: since, until: until)
        let earlier = try database.errorSignatures(containers: containers, since: since - length, until: since)
        let fresh = signatures.flatMap { service, counts in
            counts.filter { earlier[service]?[$0.key] == nil }.map { (service: service, signature: $0.key, count: $0.value) }
        }.sorted { $0.count != $1.count ? $0.count > $1.count : ($0.service, $0.signature) < ($1.service, $1.signature) }

        var noisiest: [(service: String, records: Int64)] = []
        for section in sections where section.errors.records > 0 {
            noisiest.append((section.service, section.errors.records))
        }
        noisiest.sort { $0.records != $1.records ? $0.records > $1.records : $0.service < $1.service }

        let coverage = try database.collectorCoverage(since: since, until: until, now: now)
        return Report(since: since, until: until, generated: now, chartBucket: bucket, services: sections,
                      newSignatures: Array(fresh.prefix(15)), noisiest: Array(noisiest.prefix(10)),
                      gaps: try database.coverageGaps(containers: containers, since: since, until: until, now: now, coverage: coverage),
                      coverage: coverage)
    }

    /// Per service, its last deploy in [since, until): the errors from it to `until` against as
    /// long before it, and the signatures new since.
    func deployChanges(containers: [Int64], since: Int64, until: Int64) throws -> [String: DeployChange] {
        var changes: [String: DeployChange] = [:]
        for deploy in try database.deploys(containers: containers) where deploy.time >= since && deploy.time < until && changes[deploy.service] == nil {
            let from = Timestamp.floor(deploy.time, to: Timestamp.nanosPerMinute)
            let length = max(Timestamp.nanosPerMinute, until - from)
            let rows = try database.containers(for: [deploy.service]).filter(containers.contains)
            let after = try database.errorTotals(containers: rows, since: from, until: until)[deploy.service]
            let before = try database.errorTotals(containers: rows, since: from - length, until: from)[deploy.service]
            let now = try database.errorSignatures(containers: rows, since: deploy.time, until: until)[deploy.service] ?? [:]
            let earlier = try database.errorSignatures(containers: rows, since: deploy.time - length, until: deploy.time)[deploy.service] ?? [:]
            let fresh = now.filter { earlier[$0.key] == nil }.map { (signature: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.signature < $1.signature }
            changes[deploy.service] = DeployChange(deploy: deploy, after: after, before: before, newSignatures: Array(fresh.prefix(5)))
        }
        return changes
    }

    /// About a hundred points per chart, at a round size.
    public static func chartBucket(range: Int64) -> Int64 {
        let s = Timestamp.nanosPerSecond
        let ladder: [Int64] = [10 * s, 60 * s, 300 * s, 900 * s, 3_600 * s, 6 * 3_600 * s, 86_400 * s]
        return ladder.first { range / $0 <= 100 } ?? ladder[ladder.count - 1]
    }
}
