import ACLogModel
import ACLogSQLite

/// The database's last collector run as a reader sees it now.
public struct CollectorState: Sendable, Equatable {
    /// A collector writes the database now: its process holds the writer lock (a killed one cannot).
    public var running: Bool
    public var pid: Int32?
    /// Every record of an earlier time is stored (nil: not known).
    public var settled: Int64?
    /// Its last heartbeat, or when it stopped.
    public var lastSeen: Int64?
    /// Since when the Docker engine has not answered the running collector.
    public var engineDownSince: Int64?

    public init(running: Bool, pid: Int32? = nil, settled: Int64? = nil, lastSeen: Int64? = nil, engineDownSince: Int64? = nil) {
        self.running = running
        self.pid = pid
        self.settled = settled
        self.lastSeen = lastSeen
        self.engineDownSince = engineDownSince
    }

    /// How old the containers' states are, and why, when they are not current: the engine has not
    /// answered the collector since a time, or no collector runs. Nil while they are current, and
    /// for a database no collector wrote.
    public var statesAsOf: (time: Int64, reason: String)? {
        if running {
            return engineDownSince.map { ($0, "the Docker engine has not answered the collector since then") }
        }
        return lastSeen.map { ($0, "the collector is not running") }
    }
}

extension ReadOnlyDatabase {
    public func collectorState() throws(StoreError) -> CollectorState {
        let s = try db.prepare(NamedQuery.sql("collector_state"))
        guard try s.step() else { return CollectorState(running: false) }
        let pid = Int32(truncatingIfNeeded: s.int64(0))
        let running = s.isNull(1) && WriterLock.isHeld(byProcess: pid, database: db.path)
        return CollectorState(running: running, pid: pid, settled: s.isNull(2) ? nil : s.int64(2),
                              lastSeen: s.isNull(1) ? s.int64(3) : s.int64(1), engineDownSince: s.isNull(4) ? nil : s.int64(4))
    }
}
