import CSQLite

/// SQLite copies bound text and blobs (the C macro SQLITE_TRANSIENT).
package let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement. Parameters are bound by index (1-based) or by name (`:since`).
public final class SQLiteStatement {
    let handle: OpaquePointer
    unowned let connection: SQLiteConnection

    init(connection: SQLiteConnection, sql: String, single: Bool = false) throws(StoreError) {
        var statement: OpaquePointer?
        var rest = ""
        let rc = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(connection.handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            if single, let tail { rest = String(cString: tail) }
            return rc
        }
        guard rc == SQLITE_OK, let statement else {
            if rc == SQLITE_OK { throw .sqlite(code: SQLITE_MISUSE, message: "no SQL statement given") }
            throw connection.error(rc)
        }
        if single, rest.contains(where: { !$0.isWhitespace && $0 != ";" }) {
            sqlite3_finalize(statement)
            throw .sqlite(code: SQLITE_MISUSE, message: "one statement at a time")
        }
        self.handle = statement
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// True when the statement only reads (SQLite's own judgement).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    public func index(of name: String) -> Int32 {
        sqlite3_bind_parameter_index(handle, name)
    }

    public var parameterNames: [String] {
        (1...max(1, Int(sqlite3_bind_parameter_count(handle)))).compactMap { i in
            sqlite3_bind_parameter_name(handle, Int32(i)).map { String(cString: $0) }
        }
    }

    public func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    public func bind(_ value: Int64?, at index: Int32) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    public func bind(_ value: Double, at index: Int32) {
        sqlite3_bind_double(handle, index, value)
    }

    public func bind(_ value: Double?, at index: Int32) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// A column's value, nil when it is NULL.
    public func optionalDouble(_ i: Int32) -> Double? { isNull(i) ? nil : double(i) }

    public func bind(_ value: String?, at index: Int32) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { bytes in
            let pointer = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self)
            _ = sqlite3_bind_text(handle, index, pointer, Int32(bytes.count), sqliteTransient)
        }
    }

    public func bind(_ value: [UInt8], at index: Int32) {
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(bytes.count), sqliteTransient)
        }
    }

    /// Binds a pointer that only a function asking for `type` can see (SQLite's pointer-passing
    /// interface); `pointer` must stay valid while the statement runs.
    public func bind(pointer: UnsafeMutableRawPointer, type: StaticString, named name: String) throws(StoreError) {
        sqlite3_bind_pointer(handle, try index(named: name), pointer, Self.cString(type), nil)
    }

    /// The pointer a function's argument holds, bound by `bind(pointer:type:named:)` with `type`.
    public static func pointer(in value: OpaquePointer?, type: StaticString) -> UnsafeMutableRawPointer? {
        sqlite3_value_pointer(value, cString(type))
    }

    private static func cString(_ text: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    public func bindNull(at index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Binds by parameter name (`:since`). A name the statement does not have is an error: a
    /// query edited in `Queries/` without its caller would otherwise run with NULL.
    public func bind(_ value: Int64, named name: String) throws(StoreError) {
        bind(value, at: try index(named: name))
    }

    public func bind(_ value: String?, named name: String) throws(StoreError) {
        bind(value, at: try index(named: name))
    }

    public func index(named name: String) throws(StoreError) -> Int32 {
        let i = index(of: name)
        guard i > 0 else {
            throw .sqlite(code: SQLITE_RANGE, message: "the statement has no parameter \(name)", sql: String(cString: sqlite3_sql(handle)))
        }
        return i
    }

    /// Advances to the next row; false when there is none.
    @discardableResult
    public func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw connection.error(rc, in: handle)
    }

    /// Ready for new bindings.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    public var columnCount: Int32 { sqlite3_column_count(handle) }

    public func columnName(_ i: Int32) -> String { String(cString: sqlite3_column_name(handle, i)) }

    public func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }

    public func columnType(_ i: Int32) -> Int32 { sqlite3_column_type(handle, i) }

    public func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }

    public func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }

    /// Text of a column, NUL bytes included.
    public func text(_ i: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, i) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The bytes of a text column as SQLite holds them, valid only inside `body`: no String is made.
    public func withBytes<R>(_ i: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = sqlite3_column_text(handle, i)  // before the count, as SQLite's documentation asks
        return try body(UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, i))))
    }

    /// The bytes of a blob column as SQLite holds them, valid only inside `body`.
    public func withBlob<R>(_ i: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = sqlite3_column_blob(handle, i)  // before the count, as SQLite's documentation asks
        return try body(UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, i))))
    }

    public func optionalText(_ i: Int32) -> String? {
        isNull(i) ? nil : text(i)
    }
}
