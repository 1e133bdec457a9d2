import ACLogModel

/// The nightly report's question: a period and the services it covers.
public struct ReportQuestion: Sendable {
    /// Services, container names or id prefixes; none: all.
    public var services: [String] = []
    public var since: Int64
    public var until: Int64

    public init(services: [String] = [], since: Int64, until: Int64) {
        self.services = services
        self.since = since
        self.until = until
    }
}

extension ReadOnlyDatabase {
    /// What the report says of the period, compared with the period of the same length before it.
    public func report(_ question: ReportQuestion, now: Int64 = Timestamp.now()) throws -> Report {
        try ReportBuilder(database: self).build(containers: try containers(for: question.services),
                                              since: question.since, until: question.until, now: now)
    }
}
