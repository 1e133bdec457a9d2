import ACLogModel
import ACLogSQLite

/// What the nightly report says, before it is rendered: per service its resources, events and
/// error rates against the previous period, then the new error signatures, the noisiest
/// services and the spans with no data.
public struct Report: Sendable {
    public var since: Int64
    public var until: Int64
    public var generated: Int64
    /// The bucket of the charts' points.
    public var chartBucket: Int64
    public var services: [ServiceSection]
    public var newSignatures: [(service: String, signature: String, count: Int)]
    public var noisiest: [(service: String, records: Int64)]
    public var gaps: [CoverageGap]
}

/// One service in the report.
public struct ServiceSection: Sendable {
    public var service: String
    public var cpu: Trend?
    public var memory: Trend?
    public var events: ServiceEvents
    public var errors: ErrorBucket
    public var previousErrors: ErrorBucket?

    /// min/avg/p95/max of a metric over the whole window.
    public static func window(_ trend: Trend?) -> SpanSummary? {
        guard let trend else { return nil }
        return SpanSummary(combining: trend.points.map { ($0.summary, $0.samples) })
    }

    /// Memory that climbs steadily through the window: a line that fits well, rising by at least
    /// 5% of the average over the window, across at least four points.
    public var memoryLooksLikeALeak: Bool {
        guard let memory, memory.points.count >= 4, let growth = memory.growthPerDay, let fit = memory.growthFit,
              let window = Self.window(memory), window.avg > 0
        else { return false }
        let rise = growth * Double(memory.span) / Double(86_400 * Timestamp.nanosPerSecond)
        return growth > 0 && fit >= 0.7 && rise >= 0.05 * window.avg
    }
}
