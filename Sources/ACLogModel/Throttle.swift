/// Passes at most once per `interval` (nanoseconds): for a look or a touch that need not come
/// with every call. The first call passes, and so does one after the clock went back.
public struct Throttle: Sendable {
    public let interval: Int64
    private var last: Int64?

    public init(every interval: Int64) {
        self.interval = interval
    }

    /// Whether to act now; when it does, the next pass is `interval` after `now`.
    public mutating func pass(now: Int64) -> Bool {
        if let last, now >= last, now - last < interval { return false }
        last = now
        return true
    }
}
