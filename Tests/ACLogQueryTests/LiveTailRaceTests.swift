import ACLogModel
@testable import ACLogQuery
import ACLogStore
import ACLogTestSupport
import Foundation
import Synchronization
import Testing

/// `tail -f` while the collector commits as fast as it can: a commit landing in the middle of a
/// poll must not let a newer record out before an older one that commit stores (seen in CI: a
/// traceback's first line printed after a newer line of another service).
@Suite struct LiveTailRaceTests {
    static let millisecond: Int64 = 1_000_000
    let path = temporaryDatabase()

    /// Commit k stores a line at 10k+5 ms and, closed only now, a traceback begun at 10k-8 ms;
    /// it says every record before 10k+2 ms is stored (the next traceback begins there).
    static func commit(_ k: Int64, row: Int64, to store: CollectorStore, t0: Int64) throws {
        var batch = WriteBatch()
        let late = t0 + (10 * k - 8) * millisecond, fresh = t0 + (10 * k + 5) * millisecond
        batch.append(row: row, stream: .stderr, records: [LogRecord(time: late, stream: .stderr, level: .error, message: "traceback \(k)")],
                     position: StreamPosition(time: late, countAtTime: 1))
        batch.append(row: row, stream: .stdout, records: [LogRecord(time: fresh, stream: .stdout, level: .info, message: "line \(k)")],
                     position: StreamPosition(time: fresh, countAtTime: 1))
        batch.settled = t0 + (10 * k + 2) * millisecond
        try store.commit(batch, at: Timestamp.now())
    }

    @Test func aCommitDuringAPollDoesNotPutARecordOutOfOrder() throws {
        let commits: Int64 = 600
        let t0 = Timestamp.now() - 60 * Timestamp.nanosPerSecond
        let ready = Atomic<Bool>(false), go = Atomic<Bool>(false), done = Atomic<Bool>(false)
        let path = self.path
        // The collector: a run, a container, its first commit; then the rest as fast as it can.
        let writer = Thread {
            defer { done.store(true, ordering: .releasing) }
            do {
                let store = try CollectorStore(path: path)
                try store.beginRun(at: t0, pid: getpid(), docker: "docker")
                let row = try store.register(container("w1", name: "web-1", service: "web"), at: t0)
                try Self.commit(0, row: row, to: store, t0: t0)
                ready.store(true, ordering: .releasing)
                while !go.load(ordering: .acquiring) { usleep(1000) }
                for k in 1...commits { try Self.commit(k, row: row, to: store, t0: t0) }
                try store.endRun(at: Timestamp.now())
            } catch {
                Issue.record("the writer failed: \(error)")
            }
        }
        writer.start()
        while !ready.load(ordering: .acquiring) && !done.load(ordering: .acquiring) { usleep(1000) }

        let db = try ReadOnlyDatabase(path: path)
        var live = try LiveTail(TailQuestion(RecordScope(), events: false), in: db)
        var times: [Int64] = []
        func poll() throws {
            times += try live.poll(db).compactMap { if case .record(let r, _) = $0 { r.time } else { nil } }
        }
        go.store(true, ordering: .releasing)
        while !done.load(ordering: .acquiring) { try poll() }
        try poll()

        #expect(times.count == Int(2 * commits), "\(times.count) records followed")
        let backwards = zip(times, times.dropFirst()).filter { $0 > $1 }
        #expect(backwards.count == 0, "backward jumps, the first at \(backwards.first.map { ($0.0 - t0) / Self.millisecond }.debugDescription) ms")
    }
}
