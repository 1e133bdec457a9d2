import Synchronization

/// The task serving each accepted connection, so that stopping can end every one of them and
/// wait for it before the event loop goes.
final class OpenConnections: Sendable {
    private struct State {
        var next = 0
        var tasks: [Int: Task<Void, Never>] = [:]
        var closing = false
    }
    private let state = Mutex(State())

    /// Serves a connection on a task of its own. Once closing, the task starts cancelled: it
    /// still runs, so that the connection is closed by its own code.
    func serve(_ body: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            let id = state.next
            state.next += 1
            let task = Task {
                await body()
                self.state.withLock { _ = $0.tasks.removeValue(forKey: id) }
            }
            if state.closing { task.cancel() }
            state.tasks[id] = task
        }
    }

    /// Cancels every connection's task and waits until each has ended.
    func closeAll() async {
        while true {
            let tasks = state.withLock { state in
                state.closing = true
                return Array(state.tasks.values)
            }
            if tasks.isEmpty { return }
            for task in tasks { task.cancel() }
            for task in tasks { await task.value }
        }
    }
}
