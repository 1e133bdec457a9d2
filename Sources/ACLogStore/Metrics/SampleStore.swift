import ACLogModel
import ACLogSQLite

/// Writes resource samples, keeps the per-minute and per-hour rollups up to date, and applies
/// each tier's retention. Used by the one writer, inside its transactions.
public final class SampleStore {
    let db: SQLiteConnection
    private let insertSample: SQLiteStatement
    private var upserts: [MetricTier: SQLiteStatement] = [:]

    static let metrics = Metric.allCases

    public init(db: SQLiteConnection) throws(StoreError) {
        self.db = db
        let columns = Self.metrics.map(\.column)
        insertSample = try db.prepare("""
            INSERT OR REPLACE INTO samples (container, ts, mem_limit, \(columns.joined(separator: ", ")))
            VALUES (?, ?, ?, \(columns.map { _ in "?" }.joined(separator: ", ")))
            """)
        for tier in [MetricTier.minute, .hour] {
            let names = columns.flatMap { ["\($0)_min", "\($0)_avg", "\($0)_p95", "\($0)_max"] }
            upserts[tier] = try db.prepare("""
                INSERT OR REPLACE INTO \(tier.table) (container, ts, samples, mem_limit, \(names.joined(separator: ", ")))
                VALUES (?, ?, ?, ?, \(names.map { _ in "?" }.joined(separator: ", ")))
                """)
        }
    }

    public func insert(_ sample: MetricSample, row: Int64) throws(StoreError) {
        let s = insertSample
        s.reset()
        s.bind(row, at: 1)
        s.bind(sample.time, at: 2)
        s.bind(sample.memoryLimit, at: 3)
        for (i, metric) in Self.metrics.enumerated() {
            // Whole bytes and counts: SQLite stores an integral REAL as an integer, in fewer bytes.
            s.bind(sample.values[metric].map { metric.unit == .percent ? $0 : $0.rounded() }, at: Int32(4 + i))
        }
        try s.step()
    }

    /// Rolls raw samples up into the minute and hour tiers, from where each tier stands (its last
    /// span is recomputed, as it may have been partial) up to `now`, about `chunk` of raw time
    /// per container and tier per call. Returns true once both tiers have caught up.
    @discardableResult
    public func rollUp(now: Int64, chunk: Int64 = 6 * 3_600 * Timestamp.nanosPerSecond) throws(StoreError) -> Bool {
        var caughtUp = true
        for container in try containersWithSamples() {
            for tier in [MetricTier.minute, .hour] {
                let span = tier.span!
                guard let start = try rollupStart(tier, container: container) else { continue }
                let from = Timestamp.floor(start, to: span)
                // The last span of a chunk is read again by the next call: a chunk of at least
                // two spans keeps moving.
                let to = min(now + 1, from + max(2 * span, Timestamp.floor(chunk, to: span)))
                try rollUp(tier, container: container, from: from, to: to)
                if to <= now, try hasSamples(container: container, from: to) { caughtUp = false }
            }
        }
        return caughtUp
    }

    private func hasSamples(container: Int64, from: Int64) throws(StoreError) -> Bool {
        let s = try db.prepare(NamedQuery.sql("store/has_samples_since"))
        s.bind(container, at: 1)
        s.bind(from, at: 2)
        return try s.step()
    }

    private func containersWithSamples() throws(StoreError) -> [Int64] {
        let s = try db.prepare(NamedQuery.sql("store/containers_with_samples"))
        var rows: [Int64] = []
        while try s.step() { rows.append(s.int64(0)) }
        return rows
    }

    /// The first raw sample in or after the tier's newest span (which may have been partial);
    /// nil when there is none. Starting from a sample skips the spans a stopped container left empty.
    private func rollupStart(_ tier: MetricTier, container: Int64) throws(StoreError) -> Int64? {
        let s = try db.prepare("""
            SELECT min(ts) FROM samples
            WHERE container = ?1 AND ts >= coalesce((SELECT max(ts) FROM \(tier.table) WHERE container = ?1), 0)
            """)
        s.bind(container, at: 1)
        guard try s.step(), !s.isNull(0) else { return nil }
        return s.int64(0)
    }

    private func rollUp(_ tier: MetricTier, container: Int64, from: Int64, to: Int64) throws(StoreError) {
        let span = tier.span!
        let columns = Self.metrics.map(\.column).joined(separator: ", ")
        let read = try db.prepare("SELECT ts, mem_limit, \(columns) FROM samples WHERE container = ? AND ts >= ? AND ts < ? ORDER BY ts")
        read.bind(container, at: 1)
        read.bind(from, at: 2)
        read.bind(to, at: 3)
        var spanStart: Int64?
        var values: [[Double]] = Array(repeating: [], count: Self.metrics.count)
        var count = 0
        var limit: Double?
        func write() throws(StoreError) {
            guard let spanStart, count > 0 else { return }
            let s = upserts[tier]!
            s.reset()
            s.bind(container, at: 1)
            s.bind(spanStart, at: 2)
            s.bind(Int64(count), at: 3)
            s.bind(limit, at: 4)
            for (i, series) in values.enumerated() {
                guard let summary = SpanSummary(series) else { continue }
                let base = Int32(5 + i * 4)
                // Whole bytes and counts, as raw samples are; a p95 that is the max (always, over
                // a minute of 10 s samples) is not stored twice.
                let round = Self.metrics[i].unit == .percent ? { (v: Double) in v } : { (v: Double) in v.rounded() }
                s.bind(round(summary.min), at: base)
                s.bind(round(summary.avg), at: base + 1)
                s.bind(summary.p95 == summary.max ? nil : round(summary.p95), at: base + 2)
                s.bind(round(summary.max), at: base + 3)
            }
            try s.step()
        }
        while try read.step() {
            let start = Timestamp.floor(read.int64(0), to: span)
            if start != spanStart {
                try write()
                spanStart = start
                values = Array(repeating: [], count: Self.metrics.count)
                count = 0
            }
            count += 1
            if let l = read.optionalDouble(1) { limit = l }
            for i in values.indices {
                if let v = read.optionalDouble(Int32(2 + i)) { values[i].append(v) }
            }
        }
        try write()
    }

    /// Deletes rows older than each tier keeps; returns how many rows went, per tier.
    @discardableResult
    public func prune(now: Int64, retention: MetricRetention) throws(StoreError) -> [MetricTier: Int] {
        var removed: [MetricTier: Int] = [:]
        for tier in MetricTier.allCases {
            let s = try db.prepare("DELETE FROM \(tier.table) WHERE container IN (SELECT id FROM containers) AND ts < ?")
            s.bind(now - retention.keep(tier), at: 1)
            try s.step()
            removed[tier] = Int(db.changes)
        }
        return removed
    }
}
