import ACLogQuery
import NIOPosix
import Synchronization

/// Runs the web view's queries on threads of their own, each on a read-only connection taken
/// from a few kept open: a slow query never stops the event loop, the collector's tasks nor the
/// other requests beyond the threads' number.
final class DatabaseAccess: Sendable {
    let path: String
    private let threads: NIOThreadPool
    private let idle = Mutex<[Connection]>([])
    /// Connections kept open between requests.
    static let kept = 4

    /// A connection is used by one thread at a time: it is out of `idle` while in use.
    private final class Connection: @unchecked Sendable {
        let database: ReadOnlyDatabase
        init(_ database: ReadOnlyDatabase) { self.database = database }
    }

    init(path: String, threads: Int = 2) {
        self.path = path
        self.threads = NIOThreadPool(numberOfThreads: threads)
        self.threads.start()
    }

    /// Runs `body` with a connection on a pool thread.
    func read<T: Sendable>(_ body: @escaping @Sendable (ReadOnlyDatabase) throws -> T) async throws -> T {
        try await threads.runIfActive {
            let connection = try self.idle.withLock { $0.popLast() } ?? Connection(ReadOnlyDatabase(path: self.path))
            defer {
                self.idle.withLock { idle in
                    if idle.count < Self.kept { idle.append(connection) }
                }
            }
            return try body(connection.database)
        }
    }

    func shutdown() async {
        try? await threads.shutdownGracefully()
        idle.withLock { $0.removeAll() }
    }
}
