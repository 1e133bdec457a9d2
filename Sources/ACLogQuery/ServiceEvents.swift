import ACLogModel
import ACLogSQLite

/// What happened to a service's containers in a window.
public struct ServiceEvents: Sendable, Equatable {
    public var restarts = 0
    public var oomKills = 0
    /// Exit code → how many times a container of the service exited with it.
    public var exits: [Int: Int] = [:]
    public var unhealthy = 0

    public init() {}
}

extension ReadOnlyDatabase {
    /// Service → its events in [since, until).
    public func serviceEvents(containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> [String: ServiceEvents] {
        let s = try db.prepare(NamedQuery.sql("service_events"))
        try Self.bindWindow(s, containers: containers, since: since, until: until)
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
}
