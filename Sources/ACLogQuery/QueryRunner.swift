import ACLogModel
import ACLogSQLite
import CSQLite

/// `aclog sql`: runs one read-only statement, the user's or a named query, and returns its rows.
public struct QueryRunner {
    public enum Value: Sendable, Equatable {
        case null, integer(Int64), real(Double), text(String)
    }

    public struct Result: Sendable {
        public var columns: [String]
        public var rows: [[Value]]
    }

    /// Refused before it runs, in words for the user.
    public struct Refused: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    let database: ReadOnlyDatabase

    public init(database: ReadOnlyDatabase) {
        self.database = database
    }

    /// The named queries with their description: the file's first comment, with the comment
    /// lines that continue its sentence (not those naming a parameter, `-- :since ...`).
    public static func namedQueries() -> [(name: String, description: String)] {
        NamedQuery.names.map { name in
            var lines = NamedQuery.sql(name).split(separator: "\n").drop { !$0.hasPrefix("--") }
            guard let first = lines.popFirst() else { return (name, "") }
            var text = first.dropFirst(2).drop { $0 == " " }
            if text.hasPrefix(name + ":") { text = text.dropFirst(name.count + 1).drop { $0 == " " } }
            var description = String(text)
            for line in lines {
                let more = line.dropFirst(2).drop { $0 == " " }
                guard line.hasPrefix("--"), !more.isEmpty, !more.hasPrefix(":"), !description.hasSuffix(".") else { break }
                description += " " + more
            }
            return (name, description)
        }
    }

    /// Runs `sql` with named parameters. Only a single statement that reads is run.
    public func run(_ sql: String, parameters: [String: Value]) throws -> Result {
        let trimmed = sql.drop { $0 == " " || $0 == "\n" || $0 == "\t" }.uppercased()
        if trimmed.hasPrefix("ATTACH") || trimmed.hasPrefix("VACUUM") || trimmed.hasPrefix("DETACH") {
            throw Refused(reason: "only reading is allowed; '\(trimmed.prefix(6).lowercased())' is refused")
        }
        let statement: SQLiteStatement
        do {
            statement = try database.db.prepareSingle(sql)
        } catch {
            throw Refused(reason: "\(error)")
        }
        guard statement.isReadOnly else {
            throw Refused(reason: "only reading is allowed: this statement would change the database")
        }
        for name in statement.parameterNames {
            let key = String(name.dropFirst())
            guard let value = parameters[key] else {
                throw Refused(reason: "the query needs --param \(key)=VALUE")
            }
            let index = statement.index(of: name)
            switch value {
            case .null: statement.bindNull(at: index)
            case .integer(let n): statement.bind(n, at: index)
            case .real(let d): statement.bind(d, at: index)
            case .text(let s): statement.bind(s, at: index)
            }
        }
        let columns = (0..<statement.columnCount).map { statement.columnName($0) }
        var rows: [[Value]] = []
        do {
            while try statement.step() {
                rows.append((0..<statement.columnCount).map { i in
                    switch statement.columnType(i) {
                    case SQLITE_NULL: .null
                    case SQLITE_INTEGER: .integer(statement.int64(i))
                    case SQLITE_FLOAT: .real(statement.double(i))
                    default: .text(statement.text(i))
                    }
                })
            }
        } catch {
            throw Refused(reason: "\(error)")
        }
        return Result(columns: columns, rows: rows)
    }
}
