import ACLogSQLite
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
