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
