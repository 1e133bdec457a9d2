import ACLogModel
import ACLogQuery

/// `aclog sql`'s rows as a table, CSV (a header line first) or JSON (an object per row).
public struct QueryResultLines {
    public let result: QueryRunner.Result

    public init(_ result: QueryRunner.Result) {
        self.result = result
    }

    public func table(into out: inout some LineSink) {
        let table = TextTable(header: result.columns)
        for row in result.rows { table.add(row.map(Self.plain)) }
        for line in table.lines() { out.line(line) }
    }

    public func csv(into out: inout some LineSink) {
        out.line(result.columns.map(CSVField.quoted).joined(separator: ","))
        for row in result.rows { out.line(row.map { CSVField.quoted(Self.plain($0)) }.joined(separator: ",")) }
    }

    public func json(into out: inout some LineSink) {
        for row in result.rows {
            let pairs = zip(result.columns, row).map { JSONString.quoted($0) + ":" + Self.json($1) }
            out.line("{" + pairs.joined(separator: ",") + "}")
        }
    }

    static func plain(_ value: QueryRunner.Value) -> String {
        switch value {
        case .null: ""
        case .integer(let n): String(n)
        case .real(let d): String(d)
        case .text(let s): s
        }
    }

    static func json(_ value: QueryRunner.Value) -> String {
        switch value {
        case .null: "null"
        case .integer(let n): String(n)
        case .real(let d): d.isFinite ? String(d) : "null"
        case .text(let s): JSONString.quoted(s)
        }
    }
}
