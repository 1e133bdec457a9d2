import ACLogModel
import ACLogSQLite

/// What `aclog status` shows: the file, the collector's last run, what is stored, the settings
/// the collector was given, and the gaps of the last days.
public struct DatabaseStatus: Sendable {
    public struct Run: Sendable {
        public var started: Int64
        public var lastSeen: Int64
        public var pid: Int64
        /// Nil while running or after a crash.
        public var stopped: Int64?
        /// The run's process holds the file's writer lock now (a crashed one cannot: the kernel
        /// dropped its lock), so neither an old heartbeat nor a dead pid passes for running.
        public var running: Bool
    }

    public var path: String
    public var fileBytes: Int64
    public var usedBytes: Int64
    public var releasesFreePages: Bool
    public var schemaVersion: Int64
    public var lastRun: Run?
    public var settings: StoredSettings?
    public var containers: Int64
    public var runningContainers: Int64
    public var records: Int64
    public var oldestRecord: Int64?
    public var newestRecord: Int64?
    public var events: Int64
    public var samples: [MetricTier: Int64]
    public var gaps: [CoverageGap]
    /// The collector's runs over the same days as `gaps`.
    public var coverage: CollectorCoverage
    /// The window an `aclog export` holds; nil for a database a collector wrote.
    public var exported: (since: Int64, until: Int64)?
    /// Where the OTLP export to each endpoint stands.
    public var otlp: [ExportState]
}

extension ReadOnlyDatabase {
    public func status(now: Int64 = Timestamp.now(), gapsSince: Int64) throws(StoreError) -> DatabaseStatus {
        let pageSize = try db.scalarInt("PRAGMA page_size") ?? 4096
        let pages = try db.scalarInt("PRAGMA page_count") ?? 0
        let free = try db.scalarInt("PRAGMA freelist_count") ?? 0
        let counts = try db.prepare(NamedQuery.sql("status"))
        _ = try counts.step()
        var run: DatabaseStatus.Run?
        if !counts.isNull(5) {
            let stopped: Int64? = counts.isNull(8) ? nil : counts.int64(8)
            run = DatabaseStatus.Run(started: counts.int64(5), lastSeen: counts.int64(6), pid: counts.int64(7), stopped: stopped,
                                     running: stopped == nil && WriterLock.isHeld(byProcess: Int32(truncatingIfNeeded: counts.int64(7)), database: db.path))
        }
        var samples: [MetricTier: Int64] = [:]
        for tier in MetricTier.allCases {
            samples[tier] = try db.scalarInt("SELECT count(*) FROM \(tier.table)") ?? 0
        }
        let all = try allContainers()
        let coverage = try collectorCoverage(since: gapsSince, until: now, now: now)
        return DatabaseStatus(
            path: db.path,
            fileBytes: SQLiteConnection.onDiskSize(db.path),
            usedBytes: (pages - free) * pageSize,
            releasesFreePages: try db.scalarInt("PRAGMA auto_vacuum") == 2,
            schemaVersion: try db.scalarInt("PRAGMA user_version") ?? 0,
            lastRun: run,
            settings: try StoredSettings.read(from: db),
            containers: Int64(all.count),
            runningContainers: counts.int64(0),
            records: counts.int64(1),
            oldestRecord: counts.isNull(2) ? nil : counts.int64(2),
            newestRecord: counts.isNull(3) ? nil : counts.int64(3),
            events: counts.int64(4),
            samples: samples,
            gaps: try coverageGaps(containers: all, since: gapsSince, until: now, now: now, coverage: coverage),
            coverage: coverage,
            exported: try exportedWindow(),
            otlp: try exportStates())
    }
}
