import ACLogModel
import ACLogSQLite

/// Keeps the database within its retention: rolls resource samples up, then removes what is
/// older than each kind of data keeps, and the oldest records while the file is over its size
/// target. Done in small steps, so that the collector's writer can interleave them with its
/// commits; `aclog prune` runs steps until none is left.
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

    /// One step. With `rollUp`, a chunk of rollups, the metric tiers' retention and old events;
    /// always one batch of records older than the logs' retention, or, while the size limit's rule
    /// (`SizeLimit`, which keeps its state between steps) says so, of the oldest records. Returns
    /// what went and whether more work waits. The collector and `aclog prune` both come here.
    public func step(now: Int64, policy: RetentionPolicy, rollUp: Bool = true,
                     limit: inout SizeLimit?) throws(StoreError) -> (removed: Removed, more: Bool) {
        if limit?.bytes != policy.maxBytes { limit = policy.maxBytes.map { SizeLimit(bytes: $0) } }
        var target: Int64?
        if limit != nil { target = limit?.target(disk: try diskBytes()) }
        let step = try step(now: now, policy: policy, rollUp: rollUp, sizeTarget: target)
        if target != nil { limit?.settle(disk: try diskBytes()) }
        return step
    }

    /// One step, with the oldest records going while the data takes more than `sizeTarget` bytes.
    private func step(now: Int64, policy: RetentionPolicy, rollUp: Bool,
                      sizeTarget: Int64?) throws(StoreError) -> (removed: Removed, more: Bool) {
        var removed = Removed()
        var caughtUp = true
        if rollUp {
            caughtUp = try db.transaction { () throws(StoreError) -> Bool in
                let caughtUp = try samples.rollUp(now: now)
                // Raw samples not rolled up yet are kept until they are.
                if caughtUp { removed.samples = try samples.prune(now: now, retention: policy.metrics) }
                removed.events = try RecordPruner(db: db).pruneEvents(before: now - policy.events)
                return caughtUp
            }
        }
        var moreRecords = false
        if let keep = policy.logs {
            let batch = try RecordPruner(db: db).pruneBatch(before: now - keep)
            removed.records = batch.removed
            moreRecords = batch.more
        }
        if !moreRecords, let sizeTarget, try diskBytes() > sizeTarget {
            // Over the size target: the oldest records go, whatever their age.
            let batch = try RecordPruner(db: db).pruneBatch(before: .max)
            removed.records += batch.removed
            moreRecords = batch.removed > 0
        }
        try releaseFreePages()
        return (removed, !caughtUp || moreRecords)
    }

    /// What the database takes on disk, counted generously: the data's pages and the WAL file.
    public func diskBytes() throws(StoreError) -> Int64 {
        try usedBytes() + SQLiteConnection.fileSize(db.path + "-wal")
    }

    /// Bytes the data takes: the file's pages less the free ones.
    public func usedBytes() throws(StoreError) -> Int64 {
        let pages = try db.scalarInt("PRAGMA page_count") ?? 0
        let free = try db.scalarInt("PRAGMA freelist_count") ?? 0
        return (pages - free) * (try db.scalarInt("PRAGMA page_size") ?? 4096)
    }

    /// Hands free pages back to the file system, at most `pages` per step so the writer is never
    /// held long. Only a database created with incremental auto-vacuum (every database aclog
    /// created since schema 5) can; an older one reuses its free pages instead.
    func releaseFreePages(pages: Int = 2_048) throws(StoreError) {
        guard try db.scalarInt("PRAGMA auto_vacuum") == 2, try db.scalarInt("PRAGMA freelist_count") ?? 0 > 0 else { return }
        try db.execute("PRAGMA incremental_vacuum(\(pages))")
    }
}
