import ACLogModel

/// One metric of a service at one row time: its containers' rows of that time added up, so that
/// three replicas using 100 MB each show as 300 MB, not as an average of 100 MB. Every container
/// is sampled at the same times (the interval's start), and every rollup row starts on the
/// minute or the hour, so the rows of one time are one instant. The min, p95 and max of a sum
/// of rollup rows are the sums of the containers' own (bounds: they need not peak together);
/// over raw samples all four are exact.
struct ServiceInstant {
    var time: Int64
    var summary: SpanSummary
    var samples: Int
    /// The sum of the containers' limits; nil when any of them has none.
    var limit: Double?
    var containers: Int

    /// The instants of `rows` (one service's), in time order.
    static func sum(_ rows: [MetricRow], metric: Metric) -> [ServiceInstant] {
        var byTime: [Int64: ServiceInstant] = [:]
        for row in rows {
            guard let summary = row.summaries[metric] else { continue }
            let limit = metric == .mem ? row.memoryLimit : metric == .cpu ? row.cpuLimit : nil
            guard var instant = byTime[row.time] else {
                byTime[row.time] = ServiceInstant(time: row.time, summary: summary, samples: max(1, row.samples), limit: limit, containers: 1)
                continue
            }
            instant.summary = SpanSummary(min: instant.summary.min + summary.min, avg: instant.summary.avg + summary.avg,
                                          p95: instant.summary.p95 + summary.p95, max: instant.summary.max + summary.max)
            instant.samples = max(instant.samples, row.samples)
            instant.limit = instant.limit.flatMap { total in limit.map { total + $0 } }
            instant.containers += 1
            byTime[row.time] = instant
        }
        return byTime.values.sorted { $0.time < $1.time }
    }
}
