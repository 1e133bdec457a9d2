#if canImport(Glibc)
import Glibc
#endif

/// Stops the `docker` processes that a collector started and that outlived it.
public enum OrphanSweep {
    /// Kills every process that carries `mark`; returns their PIDs. The guard calls it when its
    /// collector has gone.
    @discardableResult
    public static func kill(markedBy mark: CollectorMark) -> [Int32] {
        killMarked { $0 == mark }
    }

    /// Kills every process marked by a collector of `database` that no longer runs; returns their
    /// PIDs. A starting collector calls it for what an earlier run on its file left behind.
    @discardableResult
    public static func killLeftovers(of database: String) -> [Int32] {
        killMarked { $0.database == database && !$0.isAlive }
    }

    private static func killMarked(_ shouldKill: (CollectorMark) -> Bool) -> [Int32] {
        let me = getpid()
        var killed: [Int32] = []
        for pid in ProcessTable.pids() where pid != me {
            guard let value = ProcessTable.environmentValue(CollectorMark.variable, of: pid),
                  let mark = CollectorMark(value), shouldKill(mark) else { continue }
            if Glibc.kill(pid, SIGKILL) == 0 { killed.append(pid) }
        }
        return killed
    }
}
