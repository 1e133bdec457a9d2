import ACLogModel
import ACLogSQLite

/// The span between two runs of the collector, and whether the earlier run stopped without
/// shutting down (killed, or the machine went down).
public struct Downtime: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public var crashed: Bool
}

extension CollectorStore {
    /// How far before the downtime a killed run's last lines may not have been committed: a batch
    /// waits 50 ms at most and the heartbeat beats every 5 s.
    static let uncommittedMargin: Int64 = 10 * Timestamp.nanosPerSecond

    /// After the downtime, the containers a follower was reading that are no longer listed
    /// (`listed`: the Docker ids of this run's first listing) were removed meanwhile, with
    /// whatever they wrote after the last line stored: each gets a gap from that line (or shortly
    /// before the downtime) to now, and the state `removed`. Returns their names. Does nothing
    /// on a database's first run.
    public func closeContainersGone(listed: Set<String>, at now: Int64) throws(StoreError) -> [String] {
        guard let downtime else { return [] }
        let followed = try db.prepare(NamedQuery.sql("store/followed_containers"))
        var gone: [(row: Int64, name: String, lastLine: Int64?)] = []
        while try followed.step() {
            guard !listed.contains(followed.text(1)) else { continue }
            gone.append((followed.int64(0), followed.text(2), followed.isNull(3) ? nil : followed.int64(3)))
        }
        guard !gone.isEmpty else { return [] }
        let setState = try db.prepare(NamedQuery.sql("store/set_container_state"))
        try db.transaction { () throws(StoreError) in
            for container in gone {
                let start = max(container.lastLine.map { $0 + 1 } ?? .min, downtime.start - Self.uncommittedMargin)
                try insert(Gap(containerID: nil, start: start, end: now,
                               reason: "removed while the collector was not running: lines it wrote after the last one stored are lost"),
                           row: container.row)
                setState.reset()
                setState.bind("removed", at: 1)
                setState.bind(container.row, at: 2)
                try setState.step()
            }
        }
        return gone.map(\.name)
    }
}

extension CollectorStore {
    /// Since when the Docker engine has not answered this run; nil when it answers again.
    public func setEngineDown(since: Int64?) throws(StoreError) {
        guard runID != 0 else { return }
        let s = try db.prepare(NamedQuery.sql("store/set_engine_down"))
        s.bind(since, at: 1)
        s.bind(runID, at: 2)
        try s.step()
    }
}
