import ACLogSQLite
import Dispatch
import Synchronization

/// Reads spans of records on worker threads, each with a connection of its own, and hands their
/// results over in span order: the table is read on both cores while the caller prints (or sums)
/// what came before. A worker that is free takes the next span not yet taken, so a slow span holds
/// up no other worker; at most `ahead` results per worker wait to be taken, so memory stays bounded
/// however large the window. The caller takes them with `next()` and calls `stop()` when done,
/// early or not.
final class ParallelSpans<Result: Sendable>: Sendable {
    /// Reads spans on one worker's own connection: made on the worker, used only there.
    typealias Reader = (RecordSpan) throws(StoreError) -> Result

    private let spans: [RecordSpan]
    private let slots: Mutex<[Swift.Result<Result, StoreError>?]>
    private let ready: [DispatchSemaphore]
    /// One unit per result that may be read before the caller takes it.
    private let room: DispatchSemaphore
    private let roomSize: Int
    /// The next span a worker takes: also the units of room the workers took, one per claim.
    private let claimed = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchGroup()
    private let taken = Atomic<Int>(0)

    /// Starts `workers` threads; `open` makes each its reader.
    init(_ spans: [RecordSpan], workers: Int = 2, ahead: Int = 2,
         open: @escaping @Sendable () throws(StoreError) -> Reader) {
        self.spans = spans
        slots = Mutex(Array(repeating: nil, count: spans.count))
        ready = spans.map { _ in DispatchSemaphore(value: 0) }
        roomSize = workers * ahead
        room = DispatchSemaphore(value: roomSize)
        for _ in 0..<min(workers, spans.count) {
            DispatchQueue.global().async(group: done) { self.work(open) }
        }
    }

    /// Takes the next span while there is room for its result, until none is left.
    private func work(_ open: () throws(StoreError) -> Reader) {
        var reader: Reader?
        var failure: StoreError?
        do { reader = try open() } catch { failure = error }
        while true {
            room.wait()
            let k = claimed.add(1, ordering: .relaxed).oldValue
            if stopped.load(ordering: .relaxed) || k >= spans.count { return }
            let result: Swift.Result<Result, StoreError>
            if let reader, failure == nil {
                result = Swift.Result { () throws(StoreError) in try reader(spans[k]) }
            } else {
                result = .failure(failure!)
            }
            slots.withLock { $0[k] = result }
            ready[k].signal()
        }
    }

    /// The next span's result, in span order; nil after the last. One caller.
    func next() throws(StoreError) -> Result? {
        let k = taken.load(ordering: .relaxed)
        guard k < spans.count else { return nil }
        ready[k].wait()
        let result = slots.withLock { slots in
            defer { slots[k] = nil }
            return slots[k]!
        }
        taken.store(k + 1, ordering: .relaxed)
        room.signal()
        return try result.get()
    }

    /// Ends the workers, whether every result was taken or not, and waits for them.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        // Wakes every worker that waits for room: each then sees the stop and returns.
        for _ in 0..<roomSize { room.signal() }
        done.wait()
        // libdispatch stops the process when a semaphore goes away below the value it was made
        // with: give back the room the workers still hold (claimed, not taken), less the units the
        // wake-up lent.
        let held = claimed.load(ordering: .relaxed) - taken.load(ordering: .relaxed)
        for _ in 0..<max(0, held - roomSize) { room.signal() }
    }
}
