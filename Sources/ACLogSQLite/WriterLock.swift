#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one writer of a database file: an advisory lock (flock(2)) on `FILE.lock` beside it, held
/// while the writing process lives. The kernel drops it when the process ends, however it ends
/// (SIGKILL included), so a crashed collector never blocks the next one. The file holds the pid
/// and command of the writer, for the error a second one gets and for `aclog status`.
public final class WriterLock {
    private let fd: Int32

    public static func path(for database: String) -> String { database + ".lock" }

    /// Takes the lock for this process, before anything is written; throws `.writerRunning`
    /// naming the process that holds it.
    public init(database: String) throws(StoreError) {
        try SQLiteConnection.createOwnerOnly(database)
        let path = Self.path(for: database)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .cannotOpen(path: path, message: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.read(fd)
            close(fd)
            throw .writerRunning(path: database, pid: holder?.pid ?? 0, command: holder?.command ?? "aclog")
        }
        self.fd = fd
        let arguments = CommandLine.arguments
        let name = arguments.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? "aclog"
        let text = "\(getpid()) \(([name] + arguments.dropFirst().prefix(1)).joined(separator: " "))\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        close(fd)
    }

    /// The process writing `database` now, if one is.
    public static func holder(of database: String) -> (pid: Int32, command: String)? {
        let fd = open(path(for: database), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        return read(fd) ?? (0, "aclog")
    }

    /// Whether the process `pid` writes `database` now: it holds the lock (a lock whose file names
    /// no process counts as its: the holder is alive, whoever it is).
    public static func isHeld(byProcess pid: Int32, database: String) -> Bool {
        guard let holder = holder(of: database) else { return false }
        return holder.pid == pid || holder.pid == 0
    }

    /// "PID COMMAND" as the writer left it.
    private static func read(_ fd: Int32) -> (pid: Int32, command: String)? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self).split(separator: "\n").first ?? ""
        guard let space = text.firstIndex(of: " "), let pid = Int32(text[..<space]) else { return nil }
        return (pid, String(text[text.index(after: space)...]))
    }
}
