#if canImport(Glibc)
import Glibc
#endif

/// What a collector puts in the environment of every `docker` it starts, so that the docker
/// processes a collector leaves behind (it was killed with SIGKILL) can be found and stopped:
/// `ACLOG_COLLECTOR=PID:START:DATABASE`, START being the collector's start time in clock ticks
/// since boot, which tells a live collector from a later process that reuses its PID, and
/// DATABASE the file it writes, so that the next collector of that file knows its leftovers.
public struct CollectorMark: Sendable, Hashable, CustomStringConvertible {
    public static let variable = "ACLOG_COLLECTOR"

    public let pid: Int32
    public let startTime: UInt64
    public let database: String

    public init(pid: Int32, startTime: UInt64, database: String) {
        self.pid = pid
        self.startTime = startTime
        self.database = database
    }

    /// This process's mark; nil where `/proc` cannot say (not Linux).
    public static func current(database: String) -> CollectorMark? {
        let pid = getpid()
        return ProcessTable.startTime(of: pid).map { CollectorMark(pid: pid, startTime: $0, database: database) }
    }

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", maxSplits: 2)
        guard parts.count == 3, let pid = Int32(parts[0]), let start = UInt64(parts[1]) else { return nil }
        self.init(pid: pid, startTime: start, database: String(parts[2]))
    }

    public var description: String { "\(pid):\(startTime):\(database)" }

    /// Whether the collector that set this mark still runs.
    public var isAlive: Bool {
        ProcessTable.startTime(of: pid) == startTime
    }
}
