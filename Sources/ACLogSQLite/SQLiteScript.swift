import CSQLite

extension SQLiteConnection {
    /// A value bound to a script's named parameters.
    public enum ScriptValue: Sendable {
        case integer(Int64)
        case text(String)
    }

    /// Runs every statement of `sql` in order, each with the named parameters it has (`:since`)
    /// bound from `parameters`. A parameter the script names and `parameters` lacks is an error.
    public func runScript(_ sql: String, parameters: [String: ScriptValue]) throws(StoreError) {
        var utf8 = Array(sql.utf8CString)
        var failure: StoreError?
        utf8.withUnsafeMutableBufferPointer { buffer in
            var next: UnsafePointer<CChar>? = UnsafePointer(buffer.baseAddress!)
            while let text = next, text.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let rc = sqlite3_prepare_v2(handle, text, -1, &statement, &tail)
                next = tail
                guard rc == SQLITE_OK else { failure = error(rc); return }
                guard let statement else { continue }
                defer { sqlite3_finalize(statement) }
                for index in stride(from: Int32(1), through: sqlite3_bind_parameter_count(statement), by: 1) {
                    let name = String(cString: sqlite3_bind_parameter_name(statement, index))
                    switch parameters[name] {
                    case .integer(let value): sqlite3_bind_int64(statement, index, value)
                    case .text(let value): sqlite3_bind_text(statement, index, value, -1, sqliteTransient)
                    case nil:
                        failure = .sqlite(code: SQLITE_RANGE, message: "the script's parameter \(name) has no value", sql: String(cString: sqlite3_sql(statement)))
                        return
                    }
                }
                var step = sqlite3_step(statement)
                while step == SQLITE_ROW { step = sqlite3_step(statement) }
                guard step == SQLITE_DONE else { failure = error(step, in: statement); return }
            }
        }
        if let failure { throw failure }
    }
}
