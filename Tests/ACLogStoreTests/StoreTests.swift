import ACLogModel
import ACLogParsing
@testable import ACLogQuery
@testable import ACLogSQLite
@testable import ACLogStore
import Foundation
import ACLogTestSupport
import Testing

/// A fresh database path in a temporary folder.
@Suite struct MigrationTests {
    @Test func aNewDatabaseIsOwnerOnlyAndAtTheLatestVersion() throws {
        let path = temporaryDatabase()
        let store = try CollectorStore(path: path)
        #expect(try store.db.scalarInt("PRAGMA user_version") == Int64(Migrator().latestVersion))
        #expect(try store.db.scalarInt("PRAGMA application_id") == Migrator.applicationID)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: (path as NSString).deletingLastPathComponent)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        #expect(try store.db.scalarInt("PRAGMA journal_mode = WAL") != nil)
    }

    @Test func reopeningDoesNotMigrateAgain() throws {
        let path = temporaryDatabase()
        _ = try CollectorStore(path: path)
        let again = try CollectorStore(path: path)
        #expect(try again.db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'records'") == 1)
    }

    @Test func aReaderBringsAnOlderDatabaseUpToDateAndShowsItsStoredFields() throws {
        // A database written by the collector before migration 0007: every field stored, no format.
        let path = temporaryDatabase()
        do {
            let db = try SQLiteConnection(path: path, mode: .readWriteCreate)
            try Migrator(migrations: Array(EmbeddedSQL.migrations.prefix(6))).migrate(db)
            try db.execute("""
                INSERT INTO containers (id, docker_id, name, service, first_seen, last_seen) VALUES (1, 'd', 'web', 'web', 0, 0);
                INSERT INTO records (ts, container, stream, level, message, fields)
                VALUES (5, 1, 1, 5, 'GET /a 503', '{"http.status":503}');
                """)
        }
        var announced: [Int] = []
        let reader = try ReadOnlyDatabase(path: path) { announced = [$0, $1] }
        #expect(announced == [6, Migrator().latestVersion])
        #expect(try reader.db.scalarInt("PRAGMA user_version") == Int64(Migrator().latestVersion))
        let filter = try FieldFilter(parsing: "http.status>=500")
        let shown = try reader.tail(containers: [1], since: .min, until: .max, minLevel: .unknown, limit: 5, fields: [filter])
        #expect(shown.map(\.fields) == [#"{"http.status":503}"#])
    }

    @Test func aForeignDatabaseIsRefusedAndLeftAlone() throws {
        let path = temporaryDatabase()
        do {
            let other = try SQLiteConnection(path: path, mode: .readWriteCreate)
            try other.execute("CREATE TABLE mine (x); INSERT INTO mine VALUES (42)")
        }
        #expect(throws: StoreError.foreignDatabase(path: path)) { try CollectorStore(path: path) }
        #expect(throws: StoreError.foreignDatabase(path: path)) { try ReadOnlyDatabase(path: path) }
        let check = try SQLiteConnection(path: path, mode: .readOnly)
        #expect(try check.scalarInt("SELECT x FROM mine") == 42)
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAlone() throws {
        let path = temporaryDatabase()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let junk = String(repeating: "not a database\n", count: 100)
        try junk.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.notADatabase(path: path)) { try CollectorStore(path: path) }
        #expect(throws: StoreError.notADatabase(path: path)) { try ReadOnlyDatabase(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == junk)
    }

    @Test func aMissingDatabaseIsNotCreatedByAReader() {
        let path = temporaryDatabase()
        #expect(throws: StoreError.missing(path: path)) { try ReadOnlyDatabase(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

@Suite struct WriteAndReadTests {
    let path = temporaryDatabase()

    func write(_ body: (CollectorStore) throws -> Void) throws {
        let store = try CollectorStore(path: path)
        try store.beginRun(at: 1, pid: 1, docker: "docker")
        try body(store)
        try store.endRun(at: 2)
    }

    @Test func recordsAndCheckpointsCommitTogether() throws {
        try write { store in
            let row = try store.register(container("aa1", name: "agentchat-backend", service: "backend"), at: 1)
            var batch = WriteBatch()
            let records = (0..<3).map { LogRecord(time: 100 + Int64($0), stream: .stdout, level: .info, message: "m\($0)") }
            batch.append(row: row, stream: .stdout, records: records, position: StreamPosition(time: 102, countAtTime: 1))
            try store.commit(batch, at: 5)
            #expect(try store.positions(row: row) == [.stdout: StreamPosition(time: 102, countAtTime: 1)])
        }
        let reader = try ReadOnlyDatabase(path: path)
        let rows = try reader.tail(containers: try reader.containers(named: "backend"), since: .min, until: .max, minLevel: .unknown, limit: nil)
        #expect(rows.map(\.message) == ["m0", "m1", "m2"])
        let summary = try #require(try reader.containerSummaries().first)
        #expect(summary.records == 3)
        #expect(summary.firstRecord == 100)
        #expect(summary.lastRecord == 102)
    }

    @Test func tailMergesServicesInTimeOrderAndHonoursLimitRangeAndLevel() throws {
        try write { store in
            let a = try store.register(container("aa1", name: "agentchat-backend", service: "backend"), at: 1)
            let b = try store.register(container("bb2", name: "agentchat-redis", service: "redis"), at: 1)
            var batch = WriteBatch()
            batch.append(row: a, stream: .stdout, records: [
                LogRecord(time: 10, stream: .stdout, level: .info, message: "a10"),
                LogRecord(time: 30, stream: .stdout, level: .error, message: "a30"),
            ], position: StreamPosition(time: 30, countAtTime: 1))
            batch.append(row: b, stream: .stderr, records: [
                LogRecord(time: 20, stream: .stderr, level: .warn, message: "b20"),
                LogRecord(time: 40, stream: .stderr, level: .unknown, message: "b40"),
            ], position: StreamPosition(time: 40, countAtTime: 1))
            try store.commit(batch, at: 5)
        }
        let reader = try ReadOnlyDatabase(path: path)
        let all = try reader.allContainers()
        #expect(try reader.tail(containers: all, since: .min, until: .max, minLevel: .unknown, limit: nil).map(\.message) == ["a10", "b20", "a30", "b40"])
        // A container named twice (two words for one service) is read once.
        #expect(try reader.tail(containers: all + all.reversed(), since: .min, until: .max, minLevel: .unknown, limit: nil).map(\.message) == ["a10", "b20", "a30", "b40"])
        #expect(try reader.tail(containers: all, since: .min, until: .max, minLevel: .unknown, limit: 2).map(\.message) == ["a30", "b40"])
        #expect(try reader.tail(containers: all, since: 20, until: 40, minLevel: .unknown, limit: nil).map(\.message) == ["b20", "a30"])
        #expect(try reader.tail(containers: all, since: .min, until: .max, minLevel: .warn, limit: nil).map(\.message) == ["b20", "a30"])
        let redis = try reader.containers(named: "redis")
        #expect(try reader.tail(containers: redis, since: .min, until: .max, minLevel: .unknown, limit: nil).map(\.service) == ["redis", "redis"])
        #expect(try reader.records(after: 0, containers: all, minLevel: .unknown).map(\.message) == ["a10", "b20", "a30", "b40"])
        let newest = try reader.maxRecordID()
        #expect(try reader.records(after: newest - 1, containers: all, minLevel: .unknown).map(\.id) == [newest])
        #expect(try reader.records(after: newest, containers: all, minLevel: .unknown).isEmpty)
    }

    @Test func aServiceWordMatchesLabelThenNameThenIDPrefix() throws {
        try write { store in
            try store.register(container("abc111", name: "web", service: "backend"), at: 1)
            try store.register(container("abc222", name: "backend", service: "api"), at: 1)
            try store.register(container("fff333", name: "solo", service: nil), at: 1)
        }
        let reader = try ReadOnlyDatabase(path: path)
        let ids = try reader.db.prepare("SELECT id, name FROM containers")
        var byName: [String: Int64] = [:]
        while try ids.step() { byName[ids.text(1)] = ids.int64(0) }
        #expect(try reader.containers(named: "backend") == [byName["web"]!])
        #expect(try reader.containers(named: "api") == [byName["backend"]!])
        #expect(try reader.containers(named: "solo") == [byName["solo"]!])
        #expect(try reader.containers(named: "fff3") == [byName["solo"]!])
        #expect(try reader.containers(named: "abc").count == 2)
        #expect(throws: ReadOnlyDatabase.UnknownService.self) { try reader.containers(named: "ab") }
        #expect(throws: ReadOnlyDatabase.UnknownService.self) { try reader.containers(named: "nginx") }
    }

    @Test func textWithNulBytesAndInvalidUTF8RoundTrips() throws {
        let message = "a\u{0}b \u{FFFD}( caf\u{E9} \u{1F600}"
        try write { store in
            let row = try store.register(container("aa1", name: "x", service: nil), at: 1)
            var batch = WriteBatch()
            batch.append(row: row, stream: .stdout, records: [LogRecord(time: 1, stream: .stdout, level: .unknown, message: message, raw: message + "\r")], position: StreamPosition(time: 1, countAtTime: 1))
            try store.commit(batch, at: 2)
        }
        let reader = try ReadOnlyDatabase(path: path)
        let record = try #require(try reader.tail(containers: try reader.allContainers(), since: .min, until: .max, minLevel: .unknown, limit: nil).first)
        #expect(record.message == message)
        #expect(record.raw == message + "\r")
    }

    @Test func theReaderCannotWrite() throws {
        try write { _ in }
        let reader = try ReadOnlyDatabase(path: path)
        #expect(throws: StoreError.self) { try reader.db.execute("DELETE FROM records") }
        #expect(throws: StoreError.self) { try reader.db.execute("CREATE TABLE evil (x)") }
    }

    @Test func restartsCountStartsThatFollowADie() throws {
        try write { store in
            let c = container("aa1", name: "x", service: "backend")
            let row = try store.register(c, at: 1)
            var batch = WriteBatch()
            for (t, action) in [(1, "create"), (2, "start"), (3, "die"), (4, "start"), (5, "kill"), (6, "die"), (7, "stop"), (8, "start"), (9, "restart")] {
                batch.events.append((row, ContainerEvent(time: Int64(t), action: action, container: c)))
            }
            // The same event twice (a replayed `docker events --since`) is stored once.
            batch.events.append((row, ContainerEvent(time: 4, action: "start", container: c)))
            try store.commit(batch, at: 10)
        }
        let reader = try ReadOnlyDatabase(path: path)
        #expect(try reader.containerSummaries().first?.restarts == 2)
        #expect(try reader.db.scalarInt("SELECT count(*) FROM events") == 9)
    }

    /// The span between two runs is the collector's downtime, not a gap of records: the next run
    /// reads back from Docker what the containers still there wrote meanwhile.
    @Test func aRunThatDidNotStopIsDowntimeNotAGap() throws {
        let s = Timestamp.nanosPerSecond
        do {
            let store = try CollectorStore(path: path)
            try store.beginRun(at: 100 * s, pid: 1, docker: "docker")
            #expect(store.downtime == nil)
            try store.commit(WriteBatch(), at: 150 * s)
            // no endRun: the collector was killed
        }
        let store = try CollectorStore(path: path)
        try store.beginRun(at: 400 * s, pid: 2, docker: "docker")
        #expect(store.downtime == Downtime(start: 150 * s, end: 400 * s, crashed: true))
        #expect(try store.db.scalarInt("SELECT count(*) FROM gaps") == 0)
        try store.endRun(at: 500 * s)
        let reader = try ReadOnlyDatabase(path: path)
        let coverage = try reader.collectorCoverage(since: 0, until: 600 * s, now: 600 * s)
        #expect(coverage.firstRun == 100 * s && coverage.observed == (50 + 100) * s)
        #expect(coverage.downtimes == [.init(start: 150 * s, end: 400 * s, crashed: true, ongoing: false),
                                       .init(start: 500 * s, end: 600 * s, crashed: false, ongoing: true)])
        // Only the span since the last run stopped is a gap: nothing read it back yet.
        let gaps = try reader.coverageGaps(containers: [], since: 0, until: 600 * s, now: 600 * s)
        #expect(gaps.map(\.start) == [500 * s] && gaps.allSatisfy { $0.container == nil })
    }

    /// A container a follower was reading that is gone after the downtime gets a gap from its last
    /// stored line, and is marked removed; one still listed, or stopped before, does not.
    @Test func aContainerRemovedWhileDownGetsAGapFromItsLastStoredLine() throws {
        let s = Timestamp.nanosPerSecond
        do {
            let store = try CollectorStore(path: path)
            try store.beginRun(at: 100 * s, pid: 1, docker: "docker")
            let gone = try store.register(container("aa1", name: "gone", service: "gone"), at: 100 * s)
            let quiet = try store.register(container("aa2", name: "quiet", service: "quiet"), at: 100 * s)
            _ = try store.register(container("aa3", name: "kept", service: "kept"), at: 100 * s)
            var exited = container("aa4", name: "exited", service: "exited")
            exited.state = "exited"
            _ = try store.register(exited, at: 100 * s)
            var batch = WriteBatch()
            batch.append(row: gone, stream: .stdout, records: [LogRecord(time: 140 * s, stream: .stdout, level: .info, message: "last")],
                         position: StreamPosition(time: 140 * s, countAtTime: 1))
            batch.append(row: quiet, stream: .stdout, records: [LogRecord(time: 110 * s, stream: .stdout, level: .info, message: "hello")],
                         position: StreamPosition(time: 110 * s, countAtTime: 1))
            try store.commit(batch, at: 145 * s)
            try store.endRun(at: 150 * s)
        }
        let store = try CollectorStore(path: path)
        try store.beginRun(at: 400 * s, pid: 2, docker: "docker")
        let gone = try store.closeContainersGone(listed: [container("aa3", name: "kept", service: "kept").id], at: 401 * s)
        #expect(gone.sorted() == ["gone", "quiet"])
        let rows = try store.db.prepare("SELECT c.name, g.start_ts, g.end_ts FROM gaps g JOIN containers c ON c.id = g.container ORDER BY c.name")
        var spans: [String: (Int64, Int64)] = [:]
        while try rows.step() { spans[rows.text(0)] = (rows.int64(1), rows.int64(2)) }
        // After the last stored line, and no earlier than shortly before the downtime.
        #expect(spans["gone"].map { $0 == (140 * s + 1, 401 * s) } == true)
        #expect(spans["quiet"].map { $0 == (140 * s, 401 * s) } == true)
        #expect(spans.count == 2)
        #expect(try store.db.scalarInt("SELECT count(*) FROM containers WHERE state = 'removed'") == 2)
        // A container already marked removed is not closed twice.
        #expect(try store.closeContainersGone(listed: [container("aa3", name: "kept", service: "kept").id], at: 402 * s).isEmpty)
    }
}

@Suite struct FieldFilterTests {
    let path = temporaryDatabase()

    func stored(_ filters: [String]) throws -> [String] {
        let reader = try ReadOnlyDatabase(path: path)
        let parsed = try filters.map { try FieldFilter(parsing: $0) }
        return try reader.tail(containers: try reader.allContainers(), since: .min, until: .max, minLevel: .unknown, limit: nil, fields: parsed).map(\.message)
    }

    @Test func filtersOnFieldValues() throws {
        let store = try CollectorStore(path: path)
        try store.beginRun(at: 1, pid: 1, docker: "docker")
        let row = try store.register(container("aa1", name: "api", service: "backend"), at: 1)
        var batch = WriteBatch()
        batch.append(row: row, stream: .stdout, records: [
            LogRecord(time: 1, stream: .stdout, level: .info, message: "ok", fields: #"{"logger":"uvicorn","http.path":"/api/a","http.status":200}"#),
            LogRecord(time: 2, stream: .stdout, level: .error, message: "boom", fields: #"{"logger":"uvicorn","http.path":"/api/b","http.status":503}"#),
            LogRecord(time: 3, stream: .stdout, level: .warn, message: "missing", fields: #"{"logger":"nginx","http.path":"/x","http.status":404,"http.latency_ms":12.5}"#),
            LogRecord(time: 4, stream: .stdout, level: .info, message: "plain"),
        ], position: StreamPosition(time: 4, countAtTime: 1))
        try store.commit(batch, at: 5)
        #expect(try stored(["http.status>=500"]) == ["boom"])
        #expect(try stored(["http.status>=400", "logger=nginx"]) == ["missing"])
        #expect(try stored(["http.path~/api"]) == ["ok", "boom"])
        #expect(try stored(["logger!=uvicorn"]) == ["missing", "plain"])
        #expect(try stored(["http.latency_ms>10"]) == ["missing"])
        // A value is bound, never spliced into the SQL.
        #expect(try stored(["logger=x' OR '1'='1"]).isEmpty)
    }

    @Test func filtersOnFieldsReadAgainFromTheMessage() throws {
        // As the collector stores them: a format number, no fields.
        let builder = RecordBuilder(container: ContainerInfo(id: "c", name: "web", image: "nginx"))
        let lines = [
            #"10.0.0.1 - - [20/Nov/2026:02:05:16 +0000] "GET /api/a HTTP/1.1" 200 512 "-" "curl/8.4.0""#,
            #"10.0.0.2 - - [20/Nov/2026:02:05:17 +0000] "POST /api/b HTTP/1.1" 503 19 "-" "curl/8.4.0""#,
            "just a line",
        ]
        let records = lines.enumerated().map { builder.record(time: Int64($0 + 1), stream: .stdout, text: $1) }
        #expect(records.allSatisfy { $0.format != nil && $0.fields == nil })
        let store = try CollectorStore(path: path)
        try store.beginRun(at: 1, pid: 1, docker: "docker")
        let row = try store.register(container("aa2", name: "web", service: "web"), at: 1)
        var batch = WriteBatch()
        batch.append(row: row, stream: .stdout, records: records, position: StreamPosition(time: 3, countAtTime: 1))
        try store.commit(batch, at: 5)
        #expect(try stored(["http.status>=500"]) == [lines[1]])
        #expect(try stored(["http.method=GET", "http.path~/api"]) == [lines[0]])
        #expect(try stored(["http.status!=200"]) == [lines[1], lines[2]])
        let reader = try ReadOnlyDatabase(path: path)
        let shown = try reader.tail(containers: try reader.allContainers(), since: .min, until: .max, minLevel: .unknown, limit: nil)
        #expect(shown[1].fields?.contains("\"http.status\":503") == true)
        #expect(shown[2].fields == nil)
        // The same function is there for users' SQL.
        #expect(try reader.db.scalarInt("SELECT count(*) FROM records WHERE record_fields(format, message, fields) ->> '$.\"http.status\"' = 503") == 1)
    }

    @Test(arguments: ["status", "=500", "http.status>=", "a b=1", "x');DROP TABLE records;--=1", "http.status>>500", "a==b",
                      "http.status>=fivehundred", "a!==1"])
    func invalidFiltersAreRefused(text: String) {
        #expect(throws: FieldFilter.Invalid.self) { try FieldFilter(parsing: text) }
    }
}
