import ACLogModel
import ACLogSQLite

/// The collector's side of the database: containers, records with their checkpoints, events, gaps,
/// resource samples and the collector's own runs. One instance, owned by one writer.
public final class CollectorStore {
    public let db: SQLiteConnection
    /// Held until the writer is done: no other process writes the file meanwhile.
    private var lock: WriterLock?
    public private(set) var runID: Int64 = 0
    /// The span between the previous run and this one; nil on a database's first run.
    public internal(set) var downtime: Downtime?
    public let samples: SampleStore
    private let insertRecord: SQLiteStatement
    private let insertSearch: SQLiteStatement
    private let addCounts: SQLiteStatement
    private let upsertCheckpoint: SQLiteStatement
    private let updateCounts: SQLiteStatement
    private let insertEvent: SQLiteStatement
    private let insertGap: SQLiteStatement
    private let upsertContainer: SQLiteStatement
    private let heartbeat: SQLiteStatement
    private let counters: RunningTotals
    private let spans: RecordSpans
    private let containers: RecordContainers

    /// Takes the file's writer lock first: a second writer (a collector, an import, a prune) is
    /// refused before it writes anything. `announce` hears of an existing database being brought
    /// up to date (`Migrator.migrate`).
    /// `spanRecords`: how many records a span of `record_spans` takes (tests make it small).
    public init(path: String, announce: (_ from: Int, _ to: Int) -> Void = { _, _ in },
                spanRecords: Int64 = RecordSpans.spanRecords) throws(StoreError) {
        lock = try WriterLock(database: path)
        db = try SQLiteConnection(path: path, mode: .readWriteCreate)
        try Migrator().migrate(db, announce: announce)
        samples = try SampleStore(db: db)
        insertRecord = try db.prepare(NamedQuery.sql("store/insert_record"))
        insertSearch = try db.prepare(NamedQuery.sql("store/index_record"))
        addCounts = try db.prepare(NamedQuery.sql("store/add_counts"))
        upsertCheckpoint = try db.prepare(NamedQuery.sql("store/set_checkpoint"))
        updateCounts = try db.prepare(NamedQuery.sql("store/add_container_totals"))
        insertEvent = try db.prepare(NamedQuery.sql("store/insert_event"))
        insertGap = try db.prepare(NamedQuery.sql("store/insert_gap"))
        upsertContainer = try db.prepare(NamedQuery.sql("store/upsert_container"))
        heartbeat = try db.prepare(NamedQuery.sql("store/heartbeat"))
        counters = try RunningTotals(db: db)
        spans = try RecordSpans(db: db, spanRecords: spanRecords)
        containers = try RecordContainers(db: db)
    }

    /// Lets another writer have the file: after the last write, before the process ends.
    public func releaseWriterLock() {
        lock = nil
    }

    /// Records this run. The span since the previous run stopped (or last beat) is `downtime`, not
    /// a gap: this run reads back from Docker what the containers wrote meanwhile, and only those
    /// it cannot read get a gap (`closeContainersGone(listed:at:)`).
    public func beginRun(at now: Int64, pid: Int32, docker: String) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            let previous = try db.prepare(NamedQuery.sql("store/previous_run"))
            if try previous.step(), previous.int64(0) < now {
                downtime = Downtime(start: previous.int64(0), end: now, crashed: previous.int64(1) == 1)
            }
            let insert = try db.prepare(NamedQuery.sql("store/begin_run"))
            insert.bind(now, at: 1)
            insert.bind(now, at: 2)
            insert.bind(Int64(pid), at: 3)
            insert.bind(docker, at: 4)
            try insert.step()
            runID = db.lastInsertRowID
        }
    }

    /// Marks the run stopped and folds the WAL into the main file, so the .db file alone is whole.
    public func endRun(at now: Int64) throws(StoreError) {
        let end = try db.prepare(NamedQuery.sql("store/end_run"))
        end.bind(now, at: 1)
        end.bind(runID, at: 2)
        try end.step()
        try? db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Inserts or refreshes a container; returns its row id.
    @discardableResult
    public func register(_ container: ContainerInfo, at now: Int64) throws(StoreError) -> Int64 {
        let s = upsertContainer
        s.reset()
        try s.bind(container.id, named: ":id")
        try s.bind(container.name, named: ":name")
        try s.bind(container.service, named: ":service")
        try s.bind(container.composeProject, named: ":project")
        try s.bind(container.image, named: ":image")
        try s.bind(container.state, named: ":state")
        try s.bind(now, named: ":now")
        guard try s.step() else { throw .sqlite(code: 0, message: "container upsert returned no row") }
        let row = s.int64(0)
        while try s.step() {}
        return row
    }

    /// The CPU limit of a container, percent of one core; nil for none.
    public func setCPULimit(_ limit: Double?, row: Int64) throws(StoreError) {
        let s = try db.prepare(NamedQuery.sql("store/set_cpu_limit"))
        s.bind(limit, at: 1)
        s.bind(row, at: 2)
        try s.step()
    }

    /// Records the image a container was created from. Returns the image of the service's
    /// container created before it when that was another image (a deploy), else nil.
    public func setImage(_ image: ContainerImage, row: Int64) throws(StoreError) -> ContainerImage? {
        let set = try db.prepare(NamedQuery.sql("store/set_container_image"))
        try set.bind(image.id, named: ":image_id")
        try set.bind(image.digest, named: ":digest")
        try set.bind(image.created, named: ":created")
        try set.bind(image.name, named: ":image")
        try set.bind(row, named: ":row")
        try set.step()
        let previous = try db.prepare(NamedQuery.sql("store/previous_image"))
        try previous.bind(row, named: ":row")
        try previous.bind(image.created, named: ":created")
        guard try previous.step(), previous.text(1) != image.id else { return nil }
        return ContainerImage(name: previous.text(0), id: previous.text(1), digest: previous.optionalText(2), created: 0)
    }

    /// The docker ids of the containers whose image is recorded.
    public func containersWithImage() throws(StoreError) -> Set<String> {
        let s = try db.prepare(NamedQuery.sql("store/containers_with_image"))
        var ids: Set<String> = []
        while try s.step() { ids.insert(s.text(0)) }
        return ids
    }

    /// The checkpoints of one container's streams.
    public func positions(row: Int64) throws(StoreError) -> [LogStream: StreamPosition] {
        let s = try db.prepare(NamedQuery.sql("store/checkpoints"))
        s.bind(row, at: 1)
        var result: [LogStream: StreamPosition] = [:]
        while try s.step() {
            if let stream = LogStream(rawValue: Int(s.int64(0))) {
                result[stream] = StreamPosition(time: s.int64(1), countAtTime: Int(s.int64(2)))
            }
        }
        return result
    }

    /// Stores a batch in one transaction.
    /// Stores the batch in one transaction; `also` runs in it last, given the events stored for the
    /// first time (an event seen again after a restart of the collector is not).
    public func commit(_ batch: WriteBatch, at now: Int64,
                       also: (_ newEvents: [ContainerEvent]) throws(StoreError) -> Void = { _ throws(StoreError) in }) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            var span = RecordSpans.Tally()
            var ids = RecordContainers.Tally()
            for logs in batch.logs.values {
                try insert(logs, span: &span, ids: &ids)
            }
            try spans.note(span)
            try containers.note(ids)
            var newEvents: [ContainerEvent] = []
            for (row, event) in batch.events {
                let s = insertEvent
                s.reset()
                s.bind(event.time, at: 1)
                s.bind(row, at: 2)
                s.bind(event.action, at: 3)
                if let code = event.exitCode { s.bind(Int64(code), at: 4) }
                s.bind(event.detail, at: 5)
                try s.step()
                if db.changes > 0 {
                    newEvents.append(event)
                    try counters.add(event, row: row)
                }
            }
            for (row, gap) in batch.gaps {
                try insert(gap, row: row)
            }
            for (row, sample) in batch.samples {
                try samples.insert(sample, row: row)
                try counters.add(sample.increments, row: row)
            }
            if runID != 0 {
                heartbeat.reset()
                heartbeat.bind(now, at: 1)
                heartbeat.bind(min(batch.settled ?? now, now), at: 2)
                heartbeat.bind(runID, at: 3)
                try heartbeat.step()
            }
            try also(newEvents)
        }
    }

    func insert(_ gap: Gap, row: Int64?) throws(StoreError) {
        let s = insertGap
        s.reset()
        s.bind(row, at: 1)
        s.bind(gap.start, at: 2)
        s.bind(gap.end, at: 3)
        s.bind(gap.reason, at: 4)
        try s.step()
        try StoreCounter.gapsRecorded.add(1, in: db)
    }

    private func insert(_ logs: ContainerLogs, span: inout RecordSpans.Tally, ids: inout RecordContainers.Tally) throws(StoreError) {
        var first = Int64.max
        var last = Int64.min
        var counts: [Int64: (records: Int64, errors: Int64, requests: Int64, serverErrors: Int64)] = [:]
        var totals = RunningTotals.RecordTally()
        let s = insertRecord
        for record in logs.records {
            s.reset()
            s.bind(record.time, at: 1)
            s.bind(logs.row, at: 2)
            s.bind(Int64(record.stream.rawValue), at: 3)
            s.bind(Int64(record.level.rawValue), at: 4)
            s.bind(record.message, at: 5)
            s.bind(record.raw, at: 6)
            s.bind(record.format.map(Int64.init), at: 7)
            s.bind(record.fields, at: 8)
            try s.step()
            let id = db.lastInsertRowID
            span.add(id: id, time: record.time)
            ids.add(id: id, container: logs.row, message: record.message)
            // The search index, in the same transaction.
            insertSearch.reset()
            insertSearch.bind(id, at: 1)
            insertSearch.bind(record.message, at: 2)
            try insertSearch.step()
            first = min(first, record.time)
            last = max(last, record.time)
            let minute = Timestamp.floor(record.time, to: Timestamp.nanosPerMinute)
            var c = counts[minute] ?? (0, 0, 0, 0)
            c.records += 1
            if record.level >= .error { c.errors += 1 }
            if let status = record.httpStatus {
                c.requests += 1
                if status >= 500 { c.serverErrors += 1 }
            }
            counts[minute] = c
            totals.count(record)
        }
        try counters.add(totals, row: logs.row)
        for (minute, c) in counts {
            let a = addCounts
            a.reset()
            a.bind(logs.row, at: 1)
            a.bind(minute, at: 2)
            a.bind(c.records, at: 3)
            a.bind(c.errors, at: 4)
            a.bind(c.requests, at: 5)
            a.bind(c.serverErrors, at: 6)
            try a.step()
        }
        for (stream, position) in logs.positions {
            let c = upsertCheckpoint
            c.reset()
            c.bind(logs.row, at: 1)
            c.bind(Int64(stream.rawValue), at: 2)
            c.bind(position.time, at: 3)
            c.bind(Int64(position.countAtTime), at: 4)
            try c.step()
        }
        guard !logs.records.isEmpty else { return }
        let u = updateCounts
        u.reset()
        u.bind(Int64(logs.records.count), at: 1)
        u.bind(first, at: 2)
        u.bind(last, at: 3)
        u.bind(logs.row, at: 4)
        try u.step()
    }
}
