import ACLogModel
import ACLogParsing
@testable import ACLogQuery
@testable import ACLogSQLite
@testable import ACLogStore
import Foundation
import ACLogTestSupport
import Testing

/// Old records go with their index entries and counts, whole minutes at a time.
@Suite struct RetentionTests {
    static let minute: Int64 = 60_000_000_000
    static let now: Int64 = 1_000 * minute

    /// 2 containers, a record every 10 s for 100 minutes ending now; every 7th an error with a 5xx.
    /// `readAgain`: nginx access lines as the collector stores them (a format number, the fields
    /// read again from the message), else records that carry their fields (written before 0007).
    static func store(readAgain: Bool = false) throws -> CollectorStore {
        let store = try CollectorStore(path: temporaryDatabase())
        let rows = try (0..<2).map { try store.register(container("r\($0)", name: "svc\($0)", service: "svc\($0)"), at: 0) }
        let nginx = RecordBuilder(formats: [NginxFormat()])
        var batch = WriteBatch()
        for i in 0..<600 {
            let time = now - 100 * minute + Int64(i) * 10_000_000_000
            let error = i % 7 == 0
            let status = error ? 503 : 200
            var record = LogRecord(time: time, stream: .stdout, level: error ? .error : .info,
                                   message: "request \(i) " + (error ? "failed oldword\(i)" : "served"),
                                   fields: "{\"http.status\":\(status)}", httpStatus: status)
            if readAgain {
                let line = "10.0.0.1 - - [25/Nov/2026:02:00:00 +0000] \"GET /\(error ? "oldword\(i)" : "ok") HTTP/1.1\" \(status) 12 \"-\" \"curl/8.4.0\""
                record = nginx.record(time: time, stream: .stdout, text: line)
                record.level = error ? .error : .info
                #expect(record.format != nil && record.fields == nil && record.httpStatus == status)
            }
            batch.append(row: rows[i % 2], stream: .stdout, records: [record], position: StreamPosition(time: time, countAtTime: 1))
        }
        try store.commit(batch, at: now)
        return store
    }

    /// The doctor's checks, and every per-minute count equal to a count of the records.
    static func consistent(_ store: CollectorStore) throws -> Bool {
        let db = store.db
        // The write side never reads fields again; the check does, as the queries do.
        RecordFieldsFunction.register(on: db)
        let direct = try db.scalarInt("""
            SELECT count(*) FROM (
                SELECT container, ts - ts % 60000000000 AS minute, count(*) AS n, sum(level >= 5) AS e,
                       sum(json_extract(record_fields(format, message, fields), '$."http.status"') IS NOT NULL) AS q,
                       sum(coalesce(json_extract(record_fields(format, message, fields), '$."http.status"') >= 500, 0)) AS f
                FROM records GROUP BY 1, 2) AS d
            FULL JOIN record_counts AS c ON c.container = d.container AND c.minute = d.minute
            WHERE d.n IS NOT c.records OR d.e IS NOT c.errors OR d.q IS NOT c.requests OR d.f IS NOT c.server_errors
            """)
        let totals = try db.scalarInt("""
            SELECT count(*) FROM containers AS k
            WHERE k.record_count <> (SELECT count(*) FROM records WHERE container = k.id)
            """)
        return try Doctor.check(path: db.path).allSatisfy(\.ok) && direct == 0 && totals == 0
    }

    @Test(arguments: [false, true])
    func recordsIndexAndCountsStayInStep(readAgain: Bool) throws {
        let store = try Self.store(readAgain: readAgain)
        let pruner = RecordPruner(db: store.db)
        var batches = 0
        var removed = 0
        var more = true
        // Keep the last 40 minutes, 50 records per transaction: the store is consistent after each.
        while more {
            let step = try pruner.pruneBatch(before: Self.now - 40 * Self.minute, maxRecords: 50)
            removed += step.removed
            more = step.more
            batches += 1
            #expect(try Self.consistent(store))
        }
        #expect(removed == 360 && batches >= 7)
        #expect(try store.db.scalarInt("SELECT count(*) FROM records") == 240)
        #expect(try store.db.scalarInt("SELECT min(ts) FROM records") == Self.now - 40 * Self.minute)
        #expect(try store.db.scalarInt("SELECT sum(record_count) FROM containers") == 240)
        #expect(try store.db.scalarInt("SELECT min(first_ts) FROM containers") == Self.now - 40 * Self.minute)
        // A word of a deleted record is gone from the index; one of a kept record is found.
        let reader = try ReadOnlyDatabase(path: store.db.path)
        let all = try reader.allContainers()
        #expect(try reader.search(SearchPattern("oldword7", mode: .text, wholeWords: true), containers: all, since: .min, until: .max, minLevel: .unknown, plan: .index).isEmpty)
        #expect(try reader.search(SearchPattern("oldword574", mode: .text, wholeWords: true), containers: all, since: .min, until: .max, minLevel: .unknown, plan: .index).count == 1)
        #expect(try pruner.pruneBatch(before: Self.now - 40 * Self.minute).removed == 0)
    }

    /// Each minute's counts as the writer stored them, as text rows.
    static func counts(_ store: CollectorStore) throws -> [String] {
        let s = try store.db.prepare("SELECT container, minute, records, errors, requests, server_errors FROM record_counts ORDER BY 1, 2")
        var rows: [String] = []
        while try s.step() { rows.append((0..<6).map { String(s.int64($0)) }.joined(separator: " ")) }
        return rows
    }

    /// A parser fix after ingest (here: the nginx records are now read by a format that finds no
    /// HTTP status) changes no count: the minutes that stay keep the counts of their ingest, the
    /// others lose their rows whole, with a cutoff in mid-minute and batches that end in one.
    @Test func countsOfKeptMinutesStayAsCountedWhenAFormatChanges() throws {
        let store = try Self.store(readAgain: true)
        let cutoff = Self.now - 40 * Self.minute + 25_000_000_000
        let kept = try Self.counts(store).filter { Int64($0.split(separator: " ")[1])! >= Self.now - 40 * Self.minute }
        #expect(kept.count == 80 && kept.contains { $0.hasSuffix(" 1 3 1") })
        RecordFieldsFunction.register(on: store.db)
        try store.db.execute("UPDATE records SET format = \(FormatCatalog.number(of: "logfmt"))")
        #expect(try store.db.scalarInt("SELECT count(*) FROM records WHERE json_extract(record_fields(format, message, fields), '$.\"http.status\"') IS NOT NULL") == 0)
        let pruner = RecordPruner(db: store.db)
        while try pruner.pruneBatch(before: cutoff, maxRecords: 7).more {}
        #expect(try Self.counts(store) == kept)
        #expect(try store.db.scalarInt("SELECT min(ts) FROM records") == Self.now - 40 * Self.minute)
        #expect(try store.db.scalarInt("SELECT sum(records) FROM record_counts") == 240)
    }

    @Test func maintenanceStepsUntilDone() throws {
        let store = try Self.store()
        var policy = RetentionPolicy()
        policy.logs = 10 * Self.minute
        var total = Maintenance.Removed()
        var steps = 0
        var more = true
        var limit: SizeLimit?
        while more && steps < 100 {
            let step = try Maintenance(db: store.db, samples: store.samples).step(now: Self.now, policy: policy, limit: &limit)
            total.add(step.removed)
            more = step.more
            steps += 1
        }
        #expect(total.records == 540)
        #expect(try store.db.scalarInt("SELECT count(*) FROM records") == 60)
        #expect(try Self.consistent(store))
    }

    @Test func aSizeLimitTakesTheOldestFirstAndTheFileShrinks() throws {
        let store = try CollectorStore(path: temporaryDatabase())
        #expect(try store.db.scalarInt("PRAGMA auto_vacuum") == 2)
        let row = try store.register(container("big", name: "big", service: "big"), at: 0)
        // 20,000 records of 500 bytes over 200 minutes: about 12 MB with the index.
        var batch = WriteBatch()
        let filler = String(repeating: "x", count: 480)
        batch.append(row: row, stream: .stdout, records: (0..<20_000).map {
            LogRecord(time: Self.now - 200 * Self.minute + Int64($0) * 600_000_000, stream: .stdout, level: .info, message: "line \($0) \(filler)")
        }, position: StreamPosition(time: Self.now, countAtTime: 1))
        try store.commit(batch, at: Self.now)
        try store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let maintenance = Maintenance(db: store.db, samples: store.samples)
        let before = try maintenance.usedBytes()
        #expect(before > 10_000_000)
        var policy = RetentionPolicy()
        policy.logs = nil
        // Over 80% of a 10 MB limit: down to 70% (the limit counts the WAL too, up to 4 MB after a
        // checkpoint: 7 MB leaves room for records).
        policy.maxBytes = 10_000_000
        var limit: SizeLimit?
        var steps = 0
        while try maintenance.step(now: Self.now, policy: policy, limit: &limit).more && steps < 1_000 { steps += 1 }
        #expect(try maintenance.diskBytes() <= 7_000_000)
        // The newest records stay; the oldest went.
        let kept = try store.db.scalarInt("SELECT count(*) FROM records") ?? 0
        #expect(kept > 1_000 && kept < 20_000, "\(kept) kept")
        #expect(try store.db.scalarInt("SELECT max(ts) FROM records") == Self.now - 200 * Self.minute + 19_999 * 600_000_000)
        #expect(try store.db.scalarInt("SELECT min(ts) FROM records")! > Self.now - 200 * Self.minute)
        // Freed pages went back to the file system.
        for _ in 0..<20 { _ = try maintenance.step(now: Self.now, policy: policy, limit: &limit) }
        try store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        #expect(try store.db.scalarInt("PRAGMA freelist_count") == 0)
        #expect(SQLiteConnection.fileSize(store.db.path) < before / 2)
        #expect(try Self.consistent(store))
    }

    /// The rule the collector and `aclog prune` share: nothing goes up to 80% of the limit; past
    /// it, records go until the files are down to 70%, and then nothing until 80% again.
    @Test func theSizeLimitStartsAt80AndStopsAt70Percent() {
        var limit = SizeLimit(bytes: 1_000)
        #expect(limit.target(disk: 800) == nil)
        #expect(limit.target(disk: 801) == 700)
        limit.settle(disk: 750)
        #expect(limit.target(disk: 750) == 700)
        limit.settle(disk: 700)
        #expect(limit.target(disk: 790) == nil)
        #expect(limit.target(disk: 1_200) == 700)
    }
}
