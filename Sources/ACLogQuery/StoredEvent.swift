import ACLogModel
import ACLogSQLite

/// A container event as `tail` shows it among the records.
public struct StoredEvent: Sendable, Equatable {
    public var id: Int64
    public var time: Int64
    public var service: String
    public var container: String
    /// Docker's word: start, restart, die, oom, destroy, pause, unpause, health_status; and aclog's
    /// `deploy`: the container was created from another image than its service's previous one.
    public var action: String
    public var exitCode: Int?
    /// The health status of `health_status`; the old and new images of `deploy`.
    public var detail: String?
    /// The container's row.
    public var containerRow: Int64 = 0

    public init(id: Int64, time: Int64, service: String, container: String, action: String, exitCode: Int?, detail: String?) {
        self.id = id
        self.time = time
        self.service = service
        self.container = container
        self.action = action
        self.exitCode = exitCode
        self.detail = detail
    }

    /// What happened, in words: `exited with code 1`, `was OOM-killed`, `is unhealthy`.
    public var summary: String {
        switch action {
        case "start": "started"
        case "restart": "restarted"
        case "die": exitCode.map { "exited with code \($0)" } ?? "exited"
        case "oom": "was killed for lack of memory (OOM)"
        case "destroy": "was removed"
        case "pause": "was paused"
        case "unpause": "was unpaused"
        case "health_status": "is \(detail ?? "of unknown health")"
        case "deploy": "was deployed: \(detail ?? "a new image")"
        default: action
        }
    }
}

extension ReadOnlyDatabase {
    /// The events `tail` shows of these containers in [since, until), oldest first; only those
    /// with an id above `after`.
    /// `query`: `timeline_events` adds the kill and stop requests.
    public func events(containers: [Int64], since: Int64, until: Int64, after: Int64 = 0,
                       query: String = "container_events") throws(StoreError) -> [StoredEvent] {
        let s = try db.prepare(NamedQuery.sql(query))
        try Self.bindWindow(s, containers: containers, since: since, until: until)
        try s.bind(after, named: ":after")
        var events: [StoredEvent] = []
        while try s.step() {
            var event = StoredEvent(id: s.int64(0), time: s.int64(1), service: s.text(2), container: s.text(3), action: s.text(4),
                                    exitCode: s.isNull(5) ? nil : Int(s.int64(5)), detail: s.optionalText(6))
            event.containerRow = s.int64(7)
            events.append(event)
        }
        return events
    }

    /// The newest event's id (0 with none).
    public func maxEventID() throws(StoreError) -> Int64 {
        try db.scalarInt(NamedQuery.sql("newest_event_id")) ?? 0
    }
}
