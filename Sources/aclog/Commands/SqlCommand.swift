import ACLogModel
import ACLogQuery
import ACLogRender
import ACLogSQLite
import ArgumentParser
import FoundationEssentials

struct SqlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Ask the database anything in SQL, read-only; or run a named query.",
        discussion: """
            The database is opened read-only: a statement that would change it is refused. Named
            queries are the .sql files behind aclog's commands; --list shows them. Parameters:
            since/until take the time forms of --since; min_level a level word; containers defaults
            to every container. Output: a table on a terminal, else CSV; -o chooses.

            Tables: containers, records (ts in ns, level 0-6, stream 1 stdout / 2 stderr), records_fts,
            record_counts, events, gaps, checkpoints, collector_runs. A record's fields are read
            again from its message: record_fields(format, message, fields) is their JSON.

            Examples:
              aclog sql 'SELECT service, sum(record_count) FROM containers GROUP BY 1'
              aclog sql "SELECT count(*) FROM records WHERE
                record_fields(format, message, fields) ->> '\\$.\\"http.status\\"' >= 500"
              aclog sql --list
              aclog sql --query tail --param since=1h --param limit=20 -o json
            """.asHelpParagraphs
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Argument(help: "One SQL statement.")
    var statement: String?

    @Option(name: .long, help: ArgumentHelp("Run the named query Queries/NAME.sql.", valueName: "name"))
    var query: String?

    @Option(name: .long, help: ArgumentHelp("A parameter of the statement, as key=value. Repeat for more.", valueName: "key=value"))
    var param: [String] = []

    @Flag(name: .long, help: "List the named queries.")
    var list = false

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The output format: table, csv or json (one object per line).", valueName: "format"))
    var output: Format?

    @Flag(name: .long, help: ArgumentHelp(TimeRangeOptions.utcHelp))
    var utc = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        let given = [statement != nil, query != nil, list].filter { $0 }.count
        if given != 1 { throw CommandLineError("give one SQL statement, or --query NAME, or --list") }
        if let query, !NamedQuery.names.contains(query) {
            throw CommandLineError("no named query '\(query)' (see aclog sql --list)")
        }
    }

    func run() throws {
        var out = OutputBuffer()
        if list {
            let table = TextTable(header: ["QUERY", "WHAT IT GIVES"])
            for (name, description) in QueryRunner.namedQueries() { table.add([name, description]) }
            for line in table.lines() { out.line(line) }
            out.flush()
            return
        }
        let db = try database.open()
        let sql = query.map { NamedQuery.sql($0) } ?? statement!
        var parameters = query == nil ? [:] : try defaults(db)
        for pair in param {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw CommandLineError("invalid --param '\(pair)': use key=value")
            }
            let key = pair[..<eq].trimmed { ":@$".contains($0) }
            parameters[key] = try value(key: key, text: String(pair[pair.index(after: eq)...]))
        }
        let result: QueryRunner.Result
        do {
            result = try QueryRunner(database: db).run(sql, parameters: parameters)
        } catch {
            // The statement is the user's: one SQLite refuses is their mistake to mend.
            throw CommandLineError("\(error)")
        }
        let render = QueryResultLines(result)
        switch output ?? (Terminal.stdoutIsTTY ? .table : .csv) {
        case .table: render.table(into: &out)
        case .csv: render.csv(into: &out)
        case .json: render.json(into: &out)
        }
        out.flush()
    }

    /// What the named queries get unless told: the whole time range, every level and container.
    func defaults(_ db: ReadOnlyDatabase) throws -> [String: QueryRunner.Value] {
        let all = (try? db.allContainers()) ?? []
        return [
            "since": .integer(Int64.min), "until": .integer(Int64.max), "min_level": .integer(0), "limit": .integer(-1),
            "after_id": .integer(0), "containers": .text("[" + all.map(String.init).joined(separator: ",") + "]"),
        ]
    }

    func value(key: String, text: String) throws -> QueryRunner.Value {
        if key == "since" || key == "until" {
            do {
                return .integer(try TimeExpression.parse(text, utc: utc))
            } catch {
                throw CommandLineError(error.description)
            }
        }
        if key == "min_level", let level = Level(word: text) { return .integer(Int64(level.rawValue)) }
        if let n = Int64(text) { return .integer(n) }
        if let d = Double(text) { return .real(d) }
        return .text(text)
    }
}
