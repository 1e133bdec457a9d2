@testable import ACLogQuery
@testable import ACLogSQLite
import ACLogStore
import ACLogTestSupport
import Testing

/// Every statement of `Queries/` and its folders (`store/`, `export/`) is built into the binary and prepares on
/// the latest schema: an edit that breaks one fails here, not in front of a user.
@Suite struct NamedQueryTests {
    /// `aclog sql --list` gives each query's whole first sentence, not its first line.
    @Test func everyListedDescriptionIsWhole() {
        let listed = QueryRunner.namedQueries()
        #expect(!listed.isEmpty)
        for (name, description) in listed {
            #expect(!description.isEmpty && !description.hasSuffix(",") && !description.hasSuffix(" a") && !description.hasSuffix(" each"),
                    "\(name): \(description)")
        }
        let context = listed.first { $0.name == "context_after" }?.description ?? ""
        #expect(context.hasSuffix("oldest first (grep -A / -C)."), "\(context)")
    }

    @Test func everyEmbeddedStatementPreparesOnTheLatestSchema() throws {
        let path = temporaryDatabase()
        let store = try CollectorStore(path: path)
        RecordFieldsFunction.register(on: store.db)
        PatternFunction.register(on: store.db)
        PrintedMatchesFunction.register(on: store.db)
        IdTally.register(on: store.db)
        // The export's statements read the database they export as `src`.
        try store.db.execute("ATTACH DATABASE '\(path)' AS src")
        #expect(EmbeddedSQL.queries.count > 40)
        for (name, sql) in EmbeddedSQL.queries.sorted(by: { $0.key < $1.key }) {
            #expect(throws: Never.self, "\(name)") { _ = try store.db.prepare(sql) }
            let first = sql.split(separator: "\n").first ?? ""
            #expect(first.hasPrefix("-- \(name): "), "\(name) does not start by saying what it is: \(first)")
        }
        #expect(!NamedQuery.names.contains { $0.hasPrefix("store/") || $0.hasPrefix("export/") }, "aclog sql --list shows the write side's statements")
    }
}
