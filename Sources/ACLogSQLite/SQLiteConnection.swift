import CSQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection to an SQLite file: a thin wrapper over the C API. Not shared between tasks;
/// the collector's writer owns one, each query command opens its own.
public final class SQLiteConnection {
    public enum Mode: Sendable {
        /// Read and write; the file is created owner-only if missing.
        case readWriteCreate
        /// Queries only: SQLite refuses every write.
        case readOnly
    }

    package let handle: OpaquePointer
    public let path: String

    /// The page size of a database aclog creates. A search reads the records table whole, a page
    /// at a time: with 16 KB pages rather than SQLite's 4 KB, `aclog grep` over 10M records took
    /// 0.65 s against 0.87 s for a word found once and 1.03 s against 1.32 s for one on 9 % of
    /// them (medians of 3), with a file 2 % smaller. A database made before keeps its pages.
    public static let newPageSize = 16_384

    public init(path: String, mode: Mode) throws(StoreError) {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path: path) }
        if mode == .readWriteCreate {
            try Self.createOwnerOnly(path)
        } else if access(path, F_OK) != 0 {
            throw .missing(path: path)
        }
        var db: OpaquePointer?
        let flags = (mode == .readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw .cannotOpen(path: path, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5_000)
        let tokenizer = WordTokenizer.register(on: db)
        guard tokenizer == SQLITE_OK else {
            sqlite3_close_v2(db)
            throw .cannotOpen(path: path, message: "cannot register the search tokenizer (SQLite error \(tokenizer))")
        }
        do {
            // Reading the header is the first thing that fails on a file that is not SQLite.
            _ = try scalarInt("PRAGMA schema_version")
            if mode == .readWriteCreate {
                // Only a new, empty file can take these, the page size first: incremental vacuum
                // lets retention hand freed pages back to the file system.
                if try scalarInt("PRAGMA page_count") == 0 {
                    try execute("PRAGMA page_size = \(Self.newPageSize)")
                    try execute("PRAGMA auto_vacuum = INCREMENTAL")
                }
                try execute("PRAGMA journal_mode=WAL")
                // Checkpoints every 2 MB of WAL, and the file cut back to 4 MB after one, so the WAL
                // counts little on a small disk and retention does not chase it.
                let pageSize = try scalarInt("PRAGMA page_size") ?? Int64(Self.newPageSize)
                _ = try scalarInt("PRAGMA wal_autocheckpoint = \(2 * 1_048_576 / pageSize)")
                try execute("PRAGMA journal_size_limit = 4194304")
            }
            try execute("PRAGMA synchronous=NORMAL")
        } catch {
            sqlite3_close_v2(db)
            if case .sqlite(let code, _, _) = error, code & 0xFF == SQLITE_NOTADB { throw .notADatabase(path: path) }
            throw error
        }
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    public static func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Bytes of a file; 0 when it is not there.
    public static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// Bytes a database takes on disk: its file and its write-ahead log.
    public static func onDiskSize(_ path: String) -> Int64 {
        fileSize(path) + fileSize(path + "-wal")
    }

    /// Makes the file (and its folder) readable by its owner only, before SQLite opens it.
    package static func createOwnerOnly(_ path: String) throws(StoreError) {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            let folder = String(path[..<slash])
            var partial = folder.hasPrefix("/") ? "" : "."
            for part in folder.split(separator: "/") {
                partial += "/" + part
                if access(partial, F_OK) != 0 && mkdir(partial, 0o700) != 0 && errno != EEXIST {
                    throw .cannotOpen(path: path, message: "cannot create folder '\(partial)': \(String(cString: strerror(errno)))")
                }
            }
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw .cannotOpen(path: path, message: String(cString: strerror(errno)))
        }
    }

    /// The error SQLite reports for `code`; `statement`: the one that ran, named in the error with
    /// its arguments (as GRDB's errors carry them).
    public func error(_ code: Int32, in statement: OpaquePointer? = nil) -> StoreError {
        let message = String(cString: sqlite3_errmsg(handle))
        if code & 0xFF == SQLITE_READONLY { return .readOnly(message: message) }
        return .sqlite(code: code, message: message, sql: statement.map(Self.expandedSQL))
    }

    /// A statement's SQL with its bound values in place of its parameters, on one line, cut to 300
    /// characters (a record's message would fill the screen).
    static func expandedSQL(_ statement: OpaquePointer) -> String {
        guard let text = sqlite3_expanded_sql(statement) else { return String(cString: sqlite3_sql(statement)) }
        defer { sqlite3_free(text) }
        // Lines only, without the comment that heads a file of Queries/.
        let sql = String(cString: text).split(whereSeparator: \.isNewline).map { $0.drop { $0 == " " } }
            .filter { !$0.hasPrefix("--") }.joined(separator: " ")
        return sql.count > 300 ? String(sql.prefix(300)) + "…" : sql
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            if rc & 0xFF == SQLITE_READONLY { throw .readOnly(message: text) }
            throw .sqlite(code: rc, message: text)
        }
    }

    public func prepare(_ sql: String) throws(StoreError) -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql)
    }

    /// Prepares the first statement of `sql`; fails if more than one statement follows.
    public func prepareSingle(_ sql: String) throws(StoreError) -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql, single: true)
    }

    public func scalarInt(_ sql: String) throws(StoreError) -> Int64? {
        let statement = try prepare(sql)
        guard try statement.step() else { return nil }
        return statement.isNull(0) ? nil : statement.int64(0)
    }

    /// Runs `body` in one IMMEDIATE transaction: committed if it returns, rolled back if it throws.
    public func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` on one snapshot: every read in it sees the same commits, none made meanwhile
    /// (inside a transaction already begun, that one's).
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        guard !inTransaction else { return try body() }
        try execute("BEGIN DEFERRED")
        defer { try? execute("COMMIT") }
        return try body()
    }

    /// Whether a transaction begun with BEGIN is open.
    public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }
}
