import ACLogParsing
import ACLogSQLite
import CSQLite

/// The SQL function `record_fields(format, message, fields)`: a record's fields as a JSON object
/// text, read again from its message by its format (`RecordFields`). Every connection aclog opens
/// the query library opens has it, so SQL can filter on fields that are not stored: `aclog tail
/// --field` and users' own queries in `aclog sql`. The write side never reads fields again.
package enum RecordFieldsFunction {
    package static func register(on connection: SQLiteConnection) {
        sqlite3_create_function_v2(connection.handle, "record_fields", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
                                   recordFields, nil, nil, nil)
    }
}

private func recordFields(_ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let context, let arguments, count == 3 else { return }
    let format = sqlite3_value_type(arguments[0]) == SQLITE_NULL ? nil : Int(sqlite3_value_int64(arguments[0]))
    let message = text(arguments[1]) ?? ""
    guard let json = RecordFields.json(format: format, message: message, stored: text(arguments[2])) else {
        sqlite3_result_null(context)
        return
    }
    var bytes = Array(json.utf8)
    bytes.withUnsafeMutableBufferPointer {
        $0.withMemoryRebound(to: CChar.self) { sqlite3_result_text(context, $0.baseAddress, Int32($0.count), sqliteTransient) }
    }
}

private func text(_ value: OpaquePointer?) -> String? {
    guard sqlite3_value_type(value) != SQLITE_NULL, let bytes = sqlite3_value_text(value) else { return nil }
    return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_value_bytes(value))), as: UTF8.self)
}
