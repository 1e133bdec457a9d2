import ACLogModel

/// What happened to a service's containers in a window.
public struct ServiceEvents: Sendable, Equatable {
    public var restarts = 0
    public var oomKills = 0
    /// Exit code → how many times a container of the service exited with it.
    public var exits: [Int: Int] = [:]
    public var unhealthy = 0

    public init() {}
}

/// A span in which records may be missing.
public struct CoverageGap: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public var reason: String
    /// Nil when the gap concerns every container (the collector was not running).
    public var service: String?
    public var container: String?
}

extension LogReader {
    /// Service → its events in [since, until).
    public func serviceEvents(containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> [String: ServiceEvents] {
        let s = try db.prepare(NamedQuery.sql("service_events"))
        s.bind(Self.jsonArray(containers), named: ":containers")
        s.bind(since, named: ":since")
        s.bind(until, named: ":until")
        var result: [String: ServiceEvents] = [:]
        while try s.step() {
            let n = Int(s.int64(4))
            var events = result[s.text(0)] ?? ServiceEvents()
            switch s.text(1) {
            case "restart": events.restarts += n
            case "oom": events.oomKills += n
            case "die": if !s.isNull(2) { events.exits[Int(s.int64(2)), default: 0] += n }
            case "health_status": if s.optionalText(3) == "unhealthy" { events.unhealthy += n }
            default: break
            }
            result[s.text(0)] = events
        }
        return result
    }

    public func coverageGaps(since: Int64, until: Int64) throws(StoreError) -> [CoverageGap] {
        let s = try db.prepare(NamedQuery.sql("coverage_gaps"))
        s.bind(since, named: ":since")
        s.bind(until, named: ":until")
        var gaps: [CoverageGap] = []
        while try s.step() {
            gaps.append(CoverageGap(start: s.int64(0), end: s.int64(1), reason: s.text(2), service: s.optionalText(3), container: s.optionalText(4)))
        }
        return gaps
    }
}
