import Synchronization

/// Spans the printing thread is done with, emptied, for the reading threads to fill again. A span
/// of a common word's lines holds megabytes: made anew each time, its memory went back to the
/// system and was faulted in again. For a word on half of 10M records: 32,000 page faults and
/// 2.10 s of CPU, 15,000 and 1.89 s with the spans used again (`perf stat -r 5`).
final class RenderedSpanPool: Sendable {
    private let spare = Mutex<[RenderedSpan]>([])
    /// At most this many are kept: as many as can be in flight (`ParallelSpans`' workers × ahead).
    private let limit: Int

    init(limit: Int = 4) {
        self.limit = limit
    }

    /// An empty span whose storage was used before, if one is kept.
    func take() -> RenderedSpan? {
        spare.withLock { $0.popLast() }
    }

    /// Takes `span`'s storage, emptied; `span` is left empty, without storage.
    func recycle(_ span: inout RenderedSpan) {
        var kept = RenderedSpan()
        swap(&kept, &span)
        kept.removeAll()
        spare.withLock { if $0.count < limit { $0.append(kept) } }
    }
}
