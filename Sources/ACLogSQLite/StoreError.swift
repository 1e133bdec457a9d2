/// A database problem, in words for the user.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case missing(path: String)
    /// The path names a directory, not the database file in it.
    case isDirectory(path: String)
    case cannotOpen(path: String, message: String)
    case notADatabase(path: String)
    case foreignDatabase(path: String)
    case newerSchema(path: String, version: Int)
    case olderSchema(path: String, version: Int, reason: String)
    case readOnly(message: String)
    /// Another process writes the file (`WriterLock`).
    case writerRunning(path: String, pid: Int32, command: String)
    /// `sql`: the statement, with the values bound to it, when one was running.
    case sqlite(code: Int32, message: String, sql: String? = nil)

    public var description: String {
        switch self {
        case .missing(let path):
            "no database at '\(path)': run 'aclog collect' first, or pass --db PATH"
        case .isDirectory(let path):
            "'\(path)' is a directory, not a database file: give the file's path, e.g. \(path.hasSuffix("/") ? path : path + "/")aclog.db"
        case .cannotOpen(let path, let message):
            "cannot open database '\(path)': \(message)"
        case .notADatabase(let path):
            "'\(path)' is not an SQLite database"
        case .foreignDatabase(let path):
            "'\(path)' is an SQLite database of another program, not aclog's; refusing to change it"
        case .newerSchema(let path, let version):
            "'\(path)' has schema version \(version), newer than this aclog knows: upgrade aclog"
        case .olderSchema(let path, let version, let reason):
            "'\(path)' has schema version \(version), older than this aclog's, and could not be brought up to date (\(reason)): run 'aclog collect' with this aclog as the file's owner"
        case .writerRunning(let path, let pid, let command):
            "'\(path)' is being written by another aclog (pid \(pid), \(command)): stop it first, or give another --db"
        case .readOnly(let message):
            "the database is opened read-only: \(message)"
        case .sqlite(_, let message, let sql):
            "database error: \(message)" + (sql.map { " (in \($0))" } ?? "")
        }
    }
}
