import ACLogSQLite
import Dispatch
import Synchronization

/// Reads spans of records on worker threads, each with a connection of its own, and hands their
/// results over in span order: the table is read on both cores while the caller prints (or sums)
/// what came before. At most `ahead` results per worker wait to be taken, so memory stays bounded
/// however large the window. The caller takes them with `next()` and calls `stop()` when done,
/// early or not.
final class ParallelSpans<Result: Sendable>: Sendable {
    /// Reads spans on one worker's own connection: made on the worker, used only there.
    typealias Reader = (RecordSpan) throws(StoreError) -> Result

    private let spans: [RecordSpan]
    private let workers: Int
    private let ahead: Int
    private let slots: Mutex<[Swift.Result<Result, StoreError>?]>
    private let ready: [DispatchSemaphore]
    private let room: [DispatchSemaphore]
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchGroup()
    private let taken = Atomic<Int>(0)

    /// Starts `workers` threads; `open` makes each its reader.
    init(_ spans: [RecordSpan], workers: Int = 2, ahead: Int = 2,
         open: @escaping @Sendable () throws(StoreError) -> Reader) {
        self.spans = spans
        self.workers = workers
        self.ahead = ahead
        slots = Mutex(Array(repeating: nil, count: spans.count))
        ready = spans.map { _ in DispatchSemaphore(value: 0) }
        room = (0..<workers).map { _ in DispatchSemaphore(value: ahead) }
        for worker in 0..<min(workers, spans.count) {
            DispatchQueue.global().async(group: done) { self.work(worker, open) }
        }
    }

    /// Worker `worker` reads spans worker, worker + workers, ... in order.
    private func work(_ worker: Int, _ open: () throws(StoreError) -> Reader) {
        var reader: Reader?
        var failure: StoreError?
        do { reader = try open() } catch { failure = error }
        var k = worker
        while k < spans.count {
            room[worker].wait()
            if stopped.load(ordering: .relaxed) { return }
            let result: Swift.Result<Result, StoreError>
            if let reader, failure == nil {
                result = Swift.Result { () throws(StoreError) in try reader(spans[k]) }
            } else {
                result = .failure(failure!)
            }
            slots.withLock { $0[k] = result }
            ready[k].signal()
            k += workers
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
        room[k % workers].signal()
        return try result.get()
    }

    /// Ends the workers, whether every result was taken or not, and waits for them.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        for semaphore in room { semaphore.signal() }
        done.wait()
        // A worker may have taken room for results nobody took. libdispatch stops the process
        // when a semaphore goes away below the value it was made with: give the room back.
        for semaphore in room { for _ in 0..<ahead { semaphore.signal() } }
    }
}
