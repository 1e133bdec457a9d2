import ACLogModel
import ACLogSQLite

/// A span in which records may be missing.
public struct CoverageGap: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public var reason: String
    /// Nil when the gap concerns every container (the collector is not running).
    public var service: String?
    public var container: String?
}

/// How much of a window the collector saw: the spans its runs covered, and the spans between
/// runs. What containers wrote between two runs was read back from Docker by the later run (a
/// container removed meanwhile has a gap of its own); resource samples of those spans are missing.
public struct CollectorCoverage: Sendable, Equatable {
    public struct Downtime: Sendable, Equatable {
        public var start: Int64
        public var end: Int64
        /// The run before it stopped without shutting down.
        public var crashed: Bool
        /// No run followed it yet: what containers wrote since is not read yet.
        public var ongoing: Bool
    }

    public var since: Int64
    public var until: Int64
    /// Nil when no collector ever ran on the database (its records were imported).
    public var firstRun: Int64?
    /// Nanoseconds of [since, until) during which a collector ran.
    public var observed: Int64
    public var downtimes: [Downtime]

    public var isWhole: Bool { observed >= until - since }

    /// The spans between two runs (not the one since the last run, when no collector runs now).
    public var betweenRuns: [Downtime] { downtimes.filter { !$0.ongoing } }

    /// How long the spans between runs last in all.
    public var betweenRunsLength: Int64 { betweenRuns.reduce(0) { $0 + $1.end - $1.start } }
}

extension ReadOnlyDatabase {
    /// The spans of [since, until) in which records of `containers` may be missing: their
    /// recorded gaps, and the span since the last run ended when no collector runs now and it is
    /// longer than `minimum` (heartbeats come every 5 s, so a shorter span says nothing). The
    /// spans between two runs are not gaps: the later run read them back from Docker. `coverage`:
    /// the same window's `collectorCoverage`, when the caller has it already.
    public func coverageGaps(containers: [Int64], since: Int64, until: Int64, now: Int64 = Timestamp.now(),
                             minimum: Int64 = 30 * Timestamp.nanosPerSecond, coverage: CollectorCoverage? = nil) throws(StoreError) -> [CoverageGap] {
        let s = try db.prepare(NamedQuery.sql("coverage_gaps"))
        try Self.bindWindow(s, containers: containers, since: since, until: until)
        var gaps: [CoverageGap] = []
        while try s.step() {
            gaps.append(CoverageGap(start: s.int64(0), end: s.int64(1), reason: s.text(2), service: s.optionalText(3), container: s.optionalText(4)))
        }
        let coverage = if let coverage { coverage } else { try collectorCoverage(since: since, until: until, now: now) }
        for down in coverage.downtimes where down.ongoing && down.end - down.start >= minimum {
            let reason = down.crashed ? "collector not running (it stopped without shutting down)" : "collector not running"
            gaps.append(CoverageGap(start: down.start, end: down.end, reason: reason, service: nil, container: nil))
        }
        return gaps.sorted { $0.start < $1.start }
    }

    /// The collector's runs over [since, until): how long they covered, and the spans between
    /// them after the first run began (before it there was nothing to collect into).
    public func collectorCoverage(since: Int64, until: Int64, now: Int64 = Timestamp.now()) throws(StoreError) -> CollectorCoverage {
        let end = min(until, now)
        guard let firstRun = try db.scalarInt(NamedQuery.sql("first_run")) else {
            return CollectorCoverage(since: since, until: until, firstRun: nil, observed: 0, downtimes: [])
        }
        let s = try db.prepare(NamedQuery.sql("collector_runs"))
        try s.bind(since, named: ":since")
        try s.bind(end, named: ":until")
        var runs: [(start: Int64, last: Int64, stopped: Bool, pid: Int32)] = []
        while try s.step() {
            runs.append((s.int64(0), s.int64(1), s.int64(2) == 1, Int32(truncatingIfNeeded: s.int64(3))))
        }
        // Only the last run can still be running, and only while its process holds the writer
        // lock: a run that was killed keeps its last heartbeat, however recent.
        var downtimes: [CollectorCoverage.Downtime] = []
        var observed: Int64 = 0
        var covered = max(since, firstRun)
        var crashed = false
        for (index, run) in runs.enumerated() {
            let running = index == runs.count - 1 && !run.stopped && WriterLock.isHeld(byProcess: run.pid, database: db.path)
            let last = running ? now : run.last
            if run.start > covered { downtimes.append(.init(start: covered, end: run.start, crashed: crashed, ongoing: false)) }
            observed += max(0, min(last, end) - max(run.start, covered))
            covered = max(covered, last)
            crashed = !run.stopped
        }
        if covered < end { downtimes.append(.init(start: covered, end: end, crashed: crashed, ongoing: true)) }
        return CollectorCoverage(since: since, until: until, firstRun: firstRun, observed: observed, downtimes: downtimes)
    }
}
