import ACLogModel

/// What a `resource` rule reads of a container's samples at a moment: one reading for the
/// collector's alerts and for `aclog alerts test`'s replay, so both judge alike.
public struct ResourceReading: Sendable, Equatable {
    public var holds: Bool
    /// CPU (percent of one core) or memory (bytes) now.
    public var used: Double
    /// The CPU limit (nil: one core) or the memory limit.
    public var limit: Double?
    /// Percent of the limit (of one core for CPU without one).
    public var share: Double?
    /// With `memoryLimitWithin`: the growth (bytes a nanosecond) and the time until the limit.
    public var slope: Double?
    public var eta: Double?

    /// How far back memory's growth is fitted.
    public static let growthSpan: Int64 = 30 * Timestamp.nanosPerMinute

    /// The reading at `now` of the samples so far (oldest first); nil when they say nothing (no
    /// sample, no limit to measure memory against, too few samples for a growth).
    public static func read(_ trigger: AlertRule.ResourceTrigger, samples: [MetricSample], cpuLimit: Double?, now: Int64) -> ResourceReading? {
        guard let last = samples.last else { return nil }
        switch trigger {
        case .above(.cpu, let percent):
            guard let cpu = last.values[.cpu] else { return nil }
            let share = cpu / (cpuLimit ?? 100) * 100
            return ResourceReading(holds: share > percent, used: cpu, limit: cpuLimit, share: share)
        case .above(.mem, let percent):
            guard let mem = last.values[.mem], let limit = last.memoryLimit, limit > 0 else { return nil }
            let share = mem / limit * 100
            return ResourceReading(holds: share > percent, used: mem, limit: limit, share: share)
        case .memoryLimitWithin(let span):
            let recent = samples.filter { now - $0.time <= growthSpan }
            guard recent.count >= 5, let limit = last.memoryLimit, let mem = last.values[.mem],
                  let slope = slope(recent.compactMap { s in s.values[.mem].map { (Double(s.time), $0) } }), slope > 0 else { return nil }
            let eta = (limit - mem) / slope
            return ResourceReading(holds: eta <= Double(span), used: mem, limit: limit, slope: slope, eta: eta)
        }
    }

    /// The least-squares slope of y over x (per nanosecond).
    public static func slope(_ points: [(Double, Double)]) -> Double? {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.0 } / n, my = points.reduce(0) { $0 + $1.1 } / n
        let sxx = points.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        guard sxx > 0 else { return nil }
        return points.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
    }
}
