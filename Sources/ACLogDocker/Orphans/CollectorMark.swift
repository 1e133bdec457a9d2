#if canImport(Glibc)
import Glibc
#endif

/// What a collector puts in the environment of every `docker` it starts, so that the docker
/// processes a collector leaves behind (it was killed with SIGKILL) can be found and stopped:
/// `ACLOG_COLLECTOR=PID:START`, START being the collector's start time in clock ticks since boot,
/// which tells a live collector from a later process that reuses its PID.
public struct CollectorMark: Sendable, Hashable, CustomStringConvertible {
    public static let variable = "ACLOG_COLLECTOR"

    public let pid: Int32
    public let startTime: UInt64

    public init(pid: Int32, startTime: UInt64) {
        self.pid = pid
        self.startTime = startTime
    }

    /// This process's mark; nil where `/proc` cannot say (not Linux).
    public static func current() -> CollectorMark? {
        let pid = getpid()
        return ProcessTable.startTime(of: pid).map { CollectorMark(pid: pid, startTime: $0) }
    }

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let pid = Int32(parts[0]), let start = UInt64(parts[1]) else { return nil }
        self.init(pid: pid, startTime: start)
    }

    public var description: String { "\(pid):\(startTime)" }

    /// Whether the collector that set this mark still runs.
    public var isAlive: Bool {
        ProcessTable.startTime(of: pid) == startTime
    }
}
