#if canImport(Glibc)
import Glibc
#endif

/// A small process that outlives the collector by an instant: it waits on a pipe whose only
/// writer is the collector, and when the pipe ends (the collector exited, SIGKILL included) it
/// kills the docker processes the collector left running. The parent-death signal cannot do
/// this job here: it fires when the *thread* that forked the child ends, and the threads of
/// Swift's pool that start docker end when idle.
public enum OrphanGuard {
    /// The guard's end of the pipe, never closed: the kernel closes it when this process ends.
    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    /// Starts `aclog guard-children` for `mark`; throws the errno text when it cannot.
    public static func start(mark: CollectorMark) throws(GuardError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw GuardError(what: "make a pipe", code: errno) }
        defer { close(fds[0]) }
        // The write end must reach no child: the guard waits for every copy of it to close.
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A group of its own: Ctrl-C on the collector's terminal does not reach it.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let arguments = ["aclog", "guard-children", mark.description]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment: [UnsafeMutablePointer<CChar>?] = [nil]
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/proc/self/exe", &actions, &attributes, &argv, &environment)
        guard result == 0 else {
            close(fds[1])
            throw GuardError(what: "start /proc/self/exe", code: result)
        }
        writeEnd = fds[1]
    }

    /// The guard's side: waits for the collector's end of the pipe on standard input to close,
    /// then kills what carries `mark`. Returns how many it killed.
    public static func wait(for mark: CollectorMark) -> Int {
        for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_IGN) }
        // Nothing of the collector's beyond standard input, output and error: a docker pipe's
        // write end held here would keep that pipe from ending.
        for fd in ProcessTable.openDescriptors() where fd > 2 { close(fd) }
        var byte: UInt8 = 0
        while true {
            let count = read(0, &byte, 1)
            if count == 0 || (count < 0 && errno != EINTR) { break }
        }
        return OrphanSweep.kill(markedBy: mark).count
    }
}

public struct GuardError: Error, CustomStringConvertible {
    let what: String
    let code: Int32

    public var description: String { "cannot \(what): \(String(cString: strerror(code)))" }
}
