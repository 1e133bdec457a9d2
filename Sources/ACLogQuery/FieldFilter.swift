import ACLogSQLite
import FoundationEssentials

/// A condition on a record's fields, as `aclog tail --field` takes it: `http.status>=500`,
/// `logger=uvicorn`, `http.path~/api`, `mysql.code!=MY-013360`.
public struct FieldFilter: Sendable, Equatable {
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<=", contains = "~"
    }

    public let key: String
    public let op: Operator
    public let value: String

    public struct Invalid: Error, CustomStringConvertible {
        public let text: String
        public var description: String {
            "invalid field filter '\(text)': use KEY=VALUE, KEY!=VALUE, KEY>N, KEY>=N, KEY<N, KEY<=N or KEY~TEXT (e.g. http.status>=500)"
        }
    }

    public init(parsing text: String) throws(Invalid) {
        // The first operator character ends the key; two-character operators win over one.
        guard let start = text.firstIndex(where: { "=!<>~".contains($0) }), start != text.startIndex else { throw Invalid(text: text) }
        let rest = text[start...]
        guard let op = [Operator.greaterOrEqual, .lessOrEqual, .notEqual, .equal, .greater, .less, .contains]
            .first(where: { rest.hasPrefix($0.rawValue) })
        else { throw Invalid(text: text) }
        key = String(text[..<start])
        self.op = op
        value = String(rest.dropFirst(op.rawValue.count))
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" }), !value.isEmpty else {
            throw Invalid(text: text)
        }
        // `http.status>>500` or `a==b` is a typo, not a value starting with an operator; an
        // ordering needs a number.
        if op != .contains, let first = value.first, "=!<>~".contains(first) { throw Invalid(text: text) }
        if [.greater, .greaterOrEqual, .less, .lessOrEqual].contains(op), Double(value) == nil { throw Invalid(text: text) }
    }

    /// The JSON path of the key: `$."http.status"`.
    var path: String { "$.\"\(key)\"" }

    /// The SQL condition, with parameter names for the path and value (both bound, never spliced).
    /// The fields are read again from the message (`RecordFieldsFunction`).
    func condition(_ n: Int) -> String {
        let value = "json_extract(record_fields(r.format, r.message, r.fields), :f\(n)_path)"
        return switch op {
        case .contains: "AND instr(\(value), :f\(n)_value) > 0"
        case .notEqual: "AND coalesce(\(value) <> :f\(n)_value, 1)"
        default: "AND \(value) \(op.rawValue) :f\(n)_value"
        }
    }

    /// Puts the conditions of `filters` into a named query's `/* field filters */` place.
    static func apply(_ filters: [FieldFilter], to sql: String) -> String {
        let conditions = filters.enumerated().map { $1.condition($0) }.joined(separator: "\n  ")
        return sql.replacing("/* field filters */", with: conditions)
    }

    static func bind(_ filters: [FieldFilter], to statement: SQLiteStatement) throws(StoreError) {
        for (n, filter) in filters.enumerated() {
            try statement.bind(filter.path, named: ":f\(n)_path")
            let index = try statement.index(named: ":f\(n)_value")
            if filter.op != .contains, let number = Int64(filter.value) {
                statement.bind(number, at: index)
            } else if filter.op != .contains, let number = Double(filter.value) {
                statement.bind(number, at: index)
            } else {
                statement.bind(filter.value, at: index)
            }
        }
    }
}
