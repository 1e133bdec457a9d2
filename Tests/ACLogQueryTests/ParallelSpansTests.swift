@testable import ACLogQuery
import ACLogSQLite
import Dispatch
import Synchronization
import Testing

/// Spans are read on two workers and handed over in span order; a worker that is free takes the
/// next span, so one slow span holds up no other; stopping early, at any point, leaves no worker
/// behind and no semaphore below its first value (libdispatch would stop the process).
@Suite struct ParallelSpansTests {
    static func spans(_ n: Int) -> [RecordSpan] {
        (0..<n).map { RecordSpan(firstID: Int64($0 * 10), lastID: Int64($0 * 10 + 9), minTime: 0, maxTime: 0, records: 10) }
    }

    @Test func resultsComeInSpanOrder() throws {
        let parallel = ParallelSpans(Self.spans(50)) { () throws(StoreError) in
            { (span) throws(StoreError) in span.firstID }
        }
        defer { parallel.stop() }
        var got: [Int64] = []
        while let id = try parallel.next() { got.append(id) }
        #expect(got == (0..<50).map { Int64($0 * 10) })
    }

    /// Span 0 is read until spans 1, 2 and 3 are: with each worker given every other span, span 2
    /// would wait for the worker held on span 0, and span 0 would wait for it in vain.
    @Test func aFreeWorkerTakesTheNextSpan() throws {
        let othersRead = DispatchSemaphore(value: 0)
        let readCount = Atomic<Int>(0)
        let waitedInVain = Atomic<Bool>(false)
        let parallel = ParallelSpans(Self.spans(4), workers: 2, ahead: 2) { () throws(StoreError) in
            { (span) throws(StoreError) in
                if span.firstID == 0 {
                    if othersRead.wait(timeout: .now() + 20) == .timedOut { waitedInVain.store(true, ordering: .relaxed) }
                } else if readCount.add(1, ordering: .relaxed).newValue == 3 {
                    othersRead.signal()
                }
                return span.firstID
            }
        }
        defer { parallel.stop() }
        var got: [Int64] = []
        while let id = try parallel.next() { got.append(id) }
        #expect(got == [0, 10, 20, 30])
        let inVain = waitedInVain.load(ordering: .relaxed)
        #expect(!inVain)
    }

    @Test(arguments: [0, 1, 3, 7, 40])
    func stoppingEarlyLeavesNoWorkerBehind(_ taken: Int) throws {
        let reading = Atomic<Int>(0)
        let parallel = ParallelSpans(Self.spans(40), workers: 2, ahead: 2) { () throws(StoreError) in
            { (span) throws(StoreError) in
                reading.add(1, ordering: .relaxed)
                defer { reading.subtract(1, ordering: .relaxed) }
                return span.firstID
            }
        }
        for _ in 0..<taken { _ = try parallel.next() }
        parallel.stop()
        let stillReading = reading.load(ordering: .relaxed)
        #expect(stillReading == 0)
    }

    @Test func aReaderThatCannotOpenGivesItsError() throws {
        let parallel = ParallelSpans(Self.spans(5)) { () throws(StoreError) -> ParallelSpans<Int64>.Reader in
            throw StoreError.missing(path: "/nowhere")
        }
        defer { parallel.stop() }
        #expect(throws: StoreError.self) { _ = try parallel.next() }
    }
}
