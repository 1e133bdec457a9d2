import ACLogSQLite
import Glibc
import ACLogTestSupport
import Testing

/// The SQLite core's promises: a mistake in binding is an error, and an error names its statement.
@Suite struct StatementTests {
    static func connection() throws -> SQLiteConnection {
        let db = try SQLiteConnection(path: temporaryDatabase(), mode: .readWriteCreate)
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
        return db
    }

    @Test func bindingANameTheStatementLacksIsAnError() throws {
        let db = try Self.connection()
        let s = try db.prepare("SELECT count(*) FROM t WHERE name = :name")
        try s.bind("x", named: ":name")
        #expect(throws: StoreError.self) { try s.bind("x", named: ":nmae") }
        do {
            try s.bind(1, named: ":limit")
            Issue.record("binding :limit was accepted")
        } catch {
            #expect(error.description.contains("no parameter :limit") && error.description.contains("WHERE name = :name"), "\(error)")
        }
    }

    @Test func aFailedStatementIsNamedWithItsArguments() throws {
        let db = try Self.connection()
        let insert = try db.prepare("INSERT INTO t (name) VALUES (:name)")
        try insert.bind("backend", named: ":name")
        try insert.step()
        insert.reset()
        try insert.bind("backend", named: ":name")
        do {
            try insert.step()
            Issue.record("a second 'backend' was inserted")
        } catch {
            guard case .sqlite(_, let message, let sql) = error else { throw error }
            #expect(message.contains("UNIQUE"))
            #expect(sql == "INSERT INTO t (name) VALUES ('backend')", "\(sql ?? "no SQL")")
            #expect(error.description.contains("(in INSERT INTO t (name) VALUES ('backend'))"))
        }
    }
}

/// One writer per database file: the lock the write side takes before it writes anything.
@Suite struct WriterLockTests {
    @Test func aSecondWriterIsRefusedNamingTheFirstUntilItLetsGo() throws {
        let path = temporaryDatabase()
        #expect(WriterLock.holder(of: path) == nil)
        var first: WriterLock? = try WriterLock(database: path)
        #expect(WriterLock.holder(of: path)?.pid == getpid())
        do {
            _ = try WriterLock(database: path)
            Issue.record("a second writer took the lock")
        } catch {
            guard case .writerRunning(let file, let pid, _) = error else { throw error }
            #expect(file == path && pid == getpid())
            #expect(error.description.contains("pid \(getpid())") && error.description.contains("stop it first"), "\(error)")
        }
        _ = first
        first = nil
        // Free once closed; a process another test forks in that instant holds the descriptor
        // until it execs (O_CLOEXEC), so allow it a moment.
        var free = false
        for _ in 0..<100 where !free {
            free = WriterLock.holder(of: path) == nil
            if !free { usleep(20_000) }
        }
        #expect(free)
        let second = try WriterLock(database: path)
        #expect(WriterLock.holder(of: path)?.pid == getpid())
        _ = second
    }
}
