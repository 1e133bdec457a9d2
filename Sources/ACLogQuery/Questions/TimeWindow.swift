import ACLogModel

/// A span of time a question is about: [since, until), either end open.
public struct TimeWindow: Sendable, Equatable {
    public var since: Int64?
    public var until: Int64?

    public init(since: Int64? = nil, until: Int64? = nil) {
        self.since = since
        self.until = until
    }

    var from: Int64 { since ?? .min }
    var to: Int64 { until ?? .max }
}

/// Which records a question is about: of which services, when, from which level up.
public struct RecordScope: Sendable {
    /// Services, container names or id prefixes; none: all.
    public var services: [String]
    public var window: TimeWindow
    public var minLevel: Level

    public init(services: [String] = [], window: TimeWindow = TimeWindow(), minLevel: Level = .unknown) {
        self.services = services
        self.window = window
        self.minLevel = minLevel
    }
}
