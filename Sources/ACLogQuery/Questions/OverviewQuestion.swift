import ACLogModel
import ACLogSQLite

/// The web view's first page: every service with its containers' states and counts, when it last
/// logged an error, and its records, errors, CPU and memory over the last hour.
public struct ServiceOverview: Sendable {
    public var service: String
    /// Its containers as `aclog ps` lists them, the newest last.
    public var containers: [ContainerSummary]
    /// The start of the newest minute with an error or fatal record.
    public var lastError: Int64?
    /// Per minute of the last hour, oldest first: records and errors.
    public var records: [Int64]
    public var errors: [Int64]
    /// Per minute of the last hour; nil where nothing was sampled.
    public var cpu: [Double?]
    public var memory: [Double?]
    public var memoryLimit: Double?

    public var restarts: Int64 { containers.reduce(0) { $0 + $1.restarts } }
    public var oomKills: Int64 { containers.reduce(0) { $0 + $1.oomKills } }
    public var lastDeploy: Int64? { containers.compactMap(\.lastDeploy).max() }
}

extension ReadOnlyDatabase {
    /// One entry per service, by name; `minutes` of history (60: the last hour).
    public func overview(minutes: Int = 60, now: Int64 = Timestamp.now()) throws -> [ServiceOverview] {
        let minute = Timestamp.nanosPerMinute
        let end = Timestamp.floor(now, to: minute) + minute
        let start = end - Int64(minutes) * minute
        let summaries = try containerSummaries()
        var lastErrors: [String: Int64] = [:]
        let s = try db.prepare(NamedQuery.sql("last_error"))
        while try s.step() { lastErrors[s.text(0)] = s.int64(1) }
        let counts = try errors(ErrorsQuestion(since: start, until: end, bucket: minute))
        let trends = try trends(TrendQuestion(metrics: [.cpu, .mem], since: start, until: end, bucket: minute), now: now)

        func slot(_ time: Int64) -> Int? {
            let i = Int((time - start) / minute)
            return (0..<minutes).contains(i) ? i : nil
        }
        var services: [ServiceOverview] = []
        for name in Set(summaries.map(\.service)).sorted() {
            var entry = ServiceOverview(service: name, containers: summaries.filter { $0.service == name }, lastError: lastErrors[name],
                                        records: Array(repeating: 0, count: minutes), errors: Array(repeating: 0, count: minutes),
                                        cpu: Array(repeating: nil, count: minutes), memory: Array(repeating: nil, count: minutes))
            for bucket in counts.buckets where bucket.service == name {
                guard let i = slot(bucket.start) else { continue }
                entry.records[i] += bucket.records
                entry.errors[i] += bucket.errors
            }
            for trend in trends where trend.service == name {
                for point in trend.points {
                    guard let i = slot(point.time) else { continue }
                    if trend.metric == .cpu { entry.cpu[i] = point.summary.avg } else { entry.memory[i] = point.summary.avg }
                }
                if trend.metric == .mem { entry.memoryLimit = trend.limit }
            }
            services.append(entry)
        }
        return services
    }
}
