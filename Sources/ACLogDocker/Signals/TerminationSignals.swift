#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// SIGINT and SIGTERM, caught from the moment `install()` returns: the first runs the stop
/// actions (one added later runs at once); a second exits at once with status 1.
///
/// A `sigaction` handler writes the signal to a pipe that a thread of its own reads. Dispatch's
/// signal sources need the signal ignored first and register it later, on another thread: a
/// SIGTERM between the two was lost, and `aclog serve` ran on after it (a CI run).
public final class TerminationSignals: Sendable {
    public static let shared = TerminationSignals()

    private struct State {
        var installed: Set<Int32> = []
        var received = 0
        var actions: [@Sendable () -> Void] = []
    }
    private let state = Mutex(State())

    /// The pipe's write end, for the handler (an atomic: the handler may run on any thread).
    private static let writeEnd = Atomic<Int32>(-1)

    private init() {}

    /// Catches `numbers` (SIGINT and SIGTERM unless told) from now on; once is enough.
    public func install(_ numbers: [Int32] = [SIGINT, SIGTERM]) {
        state.withLock { state in
            if state.installed.isEmpty { startReading() }
            for number in numbers where !state.installed.contains(number) {
                state.installed.insert(number)
                var action = sigaction()
                #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = Self.handler
                #else
                action.__sigaction_u.__sa_handler = Self.handler
                #endif
                sigemptyset(&action.sa_mask)
                action.sa_flags = SA_RESTART
                sigaction(number, &action, nil)
            }
        }
    }

    /// Runs `action` on the first signal, or now if it has come.
    public func onStop(_ action: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            if state.received > 0 { return true }
            state.actions.append(action)
            return false
        }
        if now { action() }
    }

    /// Whether a signal has come.
    public var stopRequested: Bool { state.withLock { $0.received > 0 } }

    private static let handler: @convention(c) (Int32) -> Void = { number in
        let saved = errno
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(TerminationSignals.writeEnd.load(ordering: .relaxed), &byte, 1)
        errno = saved
    }

    private func startReading() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { fatalError("aclog: cannot make a pipe: \(String(cString: strerror(errno)))") }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        Self.writeEnd.store(ends[1], ordering: .relaxed)
        let readEnd = ends[0]
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            let box = Unmanaged<ReaderContext>.fromOpaque(context!).takeRetainedValue()
            box.signals.readSignals(from: box.fd)
            return nil
        }, Unmanaged.passRetained(ReaderContext(signals: self, fd: readEnd)).toOpaque())
        if started != 0 { fatalError("aclog: cannot start the signal thread: \(String(cString: strerror(started)))") }
        pthread_detach(thread)
    }

    private final class ReaderContext: Sendable {
        let signals: TerminationSignals
        let fd: Int32
        init(signals: TerminationSignals, fd: Int32) {
            self.signals = signals
            self.fd = fd
        }
    }

    private func readSignals(from fd: Int32) {
        var byte: UInt8 = 0
        while true {
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1 else { return }
            let actions = state.withLock { state -> [@Sendable () -> Void]? in
                state.received += 1
                guard state.received == 1 else { return nil }
                defer { state.actions = [] }
                return state.actions
            }
            guard let actions else { exit(1) }
            for action in actions { action() }
        }
    }
}
