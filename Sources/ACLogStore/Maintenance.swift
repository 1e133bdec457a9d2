import ACLogModel

/// Keeps the database within its retention: rolls resource samples up, then removes what is
/// older than each kind of data keeps. Done in small steps, so that the collector's writer can
/// interleave them with its commits; `aclog prune` runs steps until none is left.
public struct Maintenance {
    let db: SQLiteConnection
    let samples: SampleStore

    public init(db: SQLiteConnection, samples: SampleStore) {
        self.db = db
        self.samples = samples
    }

    /// What a step (or a whole prune) removed.
    public struct Removed: Sendable, Equatable {
        public var records = 0
        public var samples: [MetricTier: Int] = [:]
        public var events = 0

        public init() {}

        public mutating func add(_ other: Removed) {
            records += other.records
            events += other.events
            for (tier, n) in other.samples { samples[tier, default: 0] += n }
        }
    }

    /// One step: a chunk of rollups, the metric tiers' retention, one batch of old records, old
    /// events. Returns what went and whether more work is waiting.
    public func step(now: Int64, policy: RetentionPolicy) throws(StoreError) -> (removed: Removed, more: Bool) {
        var removed = Removed()
        let caughtUp = try db.transaction { () throws(StoreError) -> Bool in
            let caughtUp = try samples.rollUp(now: now)
            // Raw samples not rolled up yet are kept until they are.
            if caughtUp { removed.samples = try samples.prune(now: now, retention: policy.metrics) }
            removed.events = try RecordPruner(db: db).pruneEvents(before: now - policy.events)
            return caughtUp
        }
        var moreRecords = false
        if let keep = policy.logs {
            let batch = try RecordPruner(db: db).pruneBatch(before: now - keep)
            removed.records = batch.removed
            moreRecords = batch.more
        }
        return (removed, !caughtUp || moreRecords)
    }
}
