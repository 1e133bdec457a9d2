import ACLogModel
import ACLogSQLite

/// A span in which records may be missing.
public struct CoverageGap: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public var reason: String
    /// Nil when the gap concerns every container (the collector was not running).
    public var service: String?
    public var container: String?
}

extension ReadOnlyDatabase {
    /// The spans of [since, until) in which records of `containers` may be missing: their
    /// recorded gaps, and the spans no collector run covers (in a database some collector wrote;
    /// one filled by `aclog import` alone has no runs), when longer than `minimum` (heartbeats
    /// come every 5 s, so a shorter span says nothing).
    public func coverageGaps(containers: [Int64], since: Int64, until: Int64, now: Int64 = Timestamp.now(),
                             minimum: Int64 = 30 * Timestamp.nanosPerSecond) throws(StoreError) -> [CoverageGap] {
        let s = try db.prepare(NamedQuery.sql("coverage_gaps"))
        try s.bind(Self.jsonArray(containers), named: ":containers")
        try s.bind(since, named: ":since")
        try s.bind(until, named: ":until")
        var recorded: [CoverageGap] = []
        while try s.step() {
            recorded.append(CoverageGap(start: s.int64(0), end: s.int64(1), reason: s.text(2), service: s.optionalText(3), container: s.optionalText(4)))
        }
        // What the collector recorded (its own downtime between runs, containers it could not
        // read), then the spans no run covers that no recorded gap explains: before the first
        // run, or after a run that has not been followed by another yet.
        var gaps = recorded
        let everyContainer = recorded.filter { $0.container == nil }
        for (start, end, cleanly) in try uncoveredSpans(since: since, until: min(until, now), now: now) where end - start >= minimum {
            guard !everyContainer.contains(where: { $0.start < end && $0.end > start }) else { continue }
            let reason = cleanly ? "collector not running" : "collector not running (it stopped without shutting down)"
            gaps.append(CoverageGap(start: start, end: end, reason: reason, service: nil, container: nil))
        }
        return gaps.sorted { $0.start < $1.start }
    }

    /// Parts of [since, until) after the first collector run began that no run covers, with
    /// whether the run before each stopped cleanly. None when no collector ever ran.
    func uncoveredSpans(since: Int64, until: Int64, now: Int64) throws(StoreError) -> [(Int64, Int64, Bool)] {
        guard let firstRun = try db.scalarInt(NamedQuery.sql("first_run")) else { return [] }
        let s = try db.prepare(NamedQuery.sql("collector_runs"))
        try s.bind(since, named: ":since")
        try s.bind(until, named: ":until")
        var spans: [(Int64, Int64, Bool)] = []
        // Before the first run there was nothing to collect into: not a gap.
        var covered = max(since, firstRun)
        var cleanly = true
        while try s.step() {
            var last = s.int64(1)
            let stopped = s.int64(2) == 1
            // A running collector beats every few seconds: its run reaches now.
            if !stopped && now - last < 30 * Timestamp.nanosPerSecond { last = now }
            if s.int64(0) > covered { spans.append((covered, s.int64(0), cleanly)) }
            covered = max(covered, last)
            cleanly = stopped
        }
        if covered < until { spans.append((covered, until, cleanly)) }
        return spans
    }
}
