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
    /// How much of the period the collector ran.
    public var coverage: CollectorCoverage
}

/// One service in the report.
public struct ServiceSection: Sendable {
    public var service: String
    public var cpu: Trend?
    public var memory: Trend?
    public var events: ServiceEvents
    public var errors: ErrorBucket
    public var previousErrors: ErrorBucket?
    /// The service's last deploy in the period, and what changed since.
    public var deploy: DeployChange?

    /// min/avg/p95/max of a metric over the whole window.
    public static func window(_ trend: Trend?) -> SpanSummary? {
        guard let trend else { return nil }
        return SpanSummary(combining: trend.points.map { ($0.summary, $0.samples) })
    }

    /// The rule behind `memoryLooksLikeALeak`, as the report states it.
    public static let leakRule = "leak? marks memory that rose steadily (a straight line fits its averages, R² ≥ 0.8) "
        + "by at least 10% of its average, over at least 6 h of samples and 12 points"
    /// Growth is shown only over this much data: a rate from minutes of samples says nothing.
    public static let minimumGrowthSpan: Int64 = 3_600 * Timestamp.nanosPerSecond

    /// Memory that climbs steadily through the window (`leakRule`). Minutes of data, a service
    /// warming up, are not enough to say so.
    public var memoryLooksLikeALeak: Bool {
        guard let memory, memory.points.count >= 12, memory.span >= 6 * Self.minimumGrowthSpan,
              let growth = memory.growthPerDay, let fit = memory.growthFit,
              let window = Self.window(memory), window.avg > 0
        else { return false }
        let rise = growth * Double(memory.span) / Double(86_400 * Timestamp.nanosPerSecond)
        return growth > 0 && fit >= 0.8 && rise >= 0.1 * window.avg
    }

    /// The memory's growth, when its samples span `minimumGrowthSpan`.
    public var memoryGrowthPerDay: Double? {
        guard let memory, memory.span >= Self.minimumGrowthSpan, memory.points.count >= 4 else { return nil }
        return memory.growthPerDay
    }
}

/// What changed with a deploy: the errors after it against as long before it, and the error
/// signatures that came with it.
public struct DeployChange: Sendable {
    public var deploy: Deploy
    public var after: ErrorBucket?
    public var before: ErrorBucket?
    /// Signatures after the deploy that the span before it did not have, with their counts.
    public var newSignatures: [(signature: String, count: Int)]
}
