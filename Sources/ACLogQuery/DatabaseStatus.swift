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
}

extension ReadOnlyDatabase {
    public func status(now: Int64 = Timestamp.now(), gapsSince: Int64) throws(StoreError) -> DatabaseStatus {
        let pageSize = try db.scalarInt("PRAGMA page_size") ?? 4096
        let pages = try db.scalarInt("PRAGMA page_count") ?? 0
        let free = try db.scalarInt("PRAGMA freelist_count") ?? 0
        var run: DatabaseStatus.Run?
        let r = try db.prepare("SELECT started, heartbeat, pid, stopped FROM collector_runs ORDER BY id DESC LIMIT 1")
        if try r.step() {
            let stopped: Int64? = r.isNull(3) ? nil : r.int64(3)
            run = DatabaseStatus.Run(started: r.int64(0), lastSeen: r.int64(1), pid: r.int64(2), stopped: stopped,
                                     running: stopped == nil && now - r.int64(1) < 30 * Timestamp.nanosPerSecond)
        }
        var samples: [MetricTier: Int64] = [:]
        for tier in MetricTier.allCases {
            samples[tier] = try db.scalarInt("SELECT count(*) FROM \(tier.table)") ?? 0
        }
        let all = try allContainers()
        return DatabaseStatus(
            path: db.path,
            fileBytes: SQLiteConnection.fileSize(db.path) + SQLiteConnection.fileSize(db.path + "-wal"),
            usedBytes: (pages - free) * pageSize,
            releasesFreePages: try db.scalarInt("PRAGMA auto_vacuum") == 2,
            schemaVersion: try db.scalarInt("PRAGMA user_version") ?? 0,
            lastRun: run,
            settings: try StoredSettings.read(from: db),
            containers: Int64(all.count),
            runningContainers: try db.scalarInt("SELECT count(*) FROM containers WHERE state = 'running'") ?? 0,
            records: try db.scalarInt("SELECT coalesce(sum(record_count), 0) FROM containers") ?? 0,
            oldestRecord: try db.scalarInt("SELECT min(first_ts) FROM containers"),
            newestRecord: try db.scalarInt("SELECT max(last_ts) FROM containers"),
            events: try db.scalarInt("SELECT count(*) FROM events") ?? 0,
            samples: samples,
            gaps: try coverageGaps(containers: all, since: gapsSince, until: now, now: now))
    }
}
