import ACLogModel
@testable import ACLogQuery
import ACLogStore
import ACLogTestSupport
import Foundation
import Testing

/// The query library asked directly, as the web view, alerts and exporters will ask it: typed
/// questions, typed answers, gaps where they fall.
@Suite struct QuestionTests: FixtureClock {

    let path = temporaryDatabase()

    /// backend: a record every minute for 10 minutes (every 4th an error, "boom <i>"), redis: two
    /// records; a gap of backend from minute 4.5 to 5.5; a collector run over it all.
    init() throws {
        let store = try CollectorStore(path: path)
        try store.beginRun(at: Self.t0 - Self.minute, pid: 1, docker: "docker")
        let backend = try store.register(container("b1", name: "backend-1", service: "backend"), at: Self.t0)
        let redis = try store.register(container("r1", name: "redis-1", service: "redis"), at: Self.t0)
        var batch = WriteBatch()
        for i in 0..<10 {
            let time = Self.t0 + Int64(i) * Self.minute
            let error = i % 4 == 0
            batch.append(row: backend, stream: .stdout,
                         records: [LogRecord(time: time, stream: .stdout, level: error ? .error : .info, message: error ? "boom \(i)" : "ok \(i)")],
                         position: StreamPosition(time: time, countAtTime: 1))
        }
        for i in [3, 7] {
            let time = Self.t0 + Int64(i) * Self.minute + 30 * Self.second
            batch.append(row: redis, stream: .stdout, records: [LogRecord(time: time, stream: .stdout, level: .warn, message: "redis \(i)")],
                         position: StreamPosition(time: time, countAtTime: 1))
        }
        batch.gaps.append((backend, Gap(containerID: container("b1", name: "", service: nil).id, start: Self.t0 + 270 * Self.second,
                                         end: Self.t0 + 330 * Self.second, reason: "logs not readable")))
        try store.commit(batch, at: Self.t0 + 10 * Self.minute)
    }

    static func describe(_ entries: [LogEntry]) -> [String] {
        entries.map {
            switch $0 {
            case .record(let record, let matches): record.message + (matches ? "" : " (context)")
            case .gap(let gap): "gap \((gap.start - t0) / second)s \(gap.reason)"
            case .event(let event): "event \((event.time - t0) / second)s \(event.service) \(event.summary)"
            case .collector(let change): change.running ? "collector runs" : "collector stopped"
            case .separator: "--"
            }
        }
    }

    @Test func aTailMergesServicesInTimeAndPlacesTheGapWhereItFalls() throws {
        let db = try ReadOnlyDatabase(path: path)
        var entries: [LogEntry] = []
        let window = TimeWindow(since: Self.t0 + 3 * Self.minute, until: Self.t0 + 7 * Self.minute)
        try db.tail(TailQuestion(RecordScope(window: window)), now: Self.t0 + 10 * Self.minute) { entries.append($0) }
        #expect(Self.describe(entries) == ["ok 3", "redis 3", "boom 4", "gap 270s logs not readable", "ok 5", "ok 6"])
        // The newest n, of one service, from a level up.
        entries = []
        try db.tail(TailQuestion(RecordScope(services: ["backend"], minLevel: .error), newest: 2), now: Self.t0 + 10 * Self.minute) {
            entries.append($0)
        }
        #expect(Self.describe(entries) == ["boom 4", "gap 270s logs not readable", "boom 8"])
    }

    @Test func aServiceNoContainerHasIsAnErrorNamingIt() throws {
        let db = try ReadOnlyDatabase(path: path)
        #expect(throws: ReadOnlyDatabase.UnknownService.self) {
            try db.tail(TailQuestion(RecordScope(services: ["nginx"]))) { _ in }
        }
    }

    @Test func aGrepGivesMatchesWithTheirContextOnceAndSeparatesBlocks() throws {
        let db = try ReadOnlyDatabase(path: path)
        var entries: [LogEntry] = []
        let question = GrepQuestion(try SearchPattern("boom", mode: .text, wholeWords: true), in: RecordScope(services: ["backend"]), context: (1, 0))
        let matched = try db.grep(question, now: Self.t0 + 10 * Self.minute) { entries.append($0) }
        #expect(matched)
        #expect(Self.describe(entries) == ["boom 0", "--", "ok 3 (context)", "boom 4", "gap 270s logs not readable", "--", "ok 7 (context)", "boom 8"])
        #expect(try db.grepCounts(question).map { "\($0.service) \($0.records)" } == ["backend 3"])
        // Every service asked about is counted, 0 too; -m stops after that many matches.
        let everywhere = GrepQuestion(try SearchPattern("boom", mode: .text, wholeWords: true), in: RecordScope(), maxMatches: 2)
        #expect(try db.grepCounts(everywhere).map { "\($0.service) \($0.records)" } == ["backend 3", "redis 0"])
        var first: [LogEntry] = []
        try db.grep(everywhere, now: Self.t0 + 10 * Self.minute) { first.append($0) }
        #expect(Self.describe(first) == ["boom 0", "boom 4", "gap 270s logs not readable"])
        let none = GrepQuestion(try SearchPattern("nothing", mode: .text, wholeWords: true), in: RecordScope())
        #expect(try db.grep(none) { _ in Issue.record("a record for no match") } == false)
    }

    @Test func liveTailShowsWhatIsStoredAfterItStartedOnce() throws {
        let db = try ReadOnlyDatabase(path: path)
        var live = try LiveTail(TailQuestion(RecordScope(services: ["redis"], window: TimeWindow(until: Self.t0 + 20 * Self.minute))), in: db)
        #expect(try live.poll(db).isEmpty)
        let store = try CollectorStore(path: path)
        let redis = try db.containers(named: "redis")[0]
        var batch = WriteBatch()
        for (i, time) in [(11, Self.t0 + 11 * Self.minute), (30, Self.t0 + 30 * Self.minute)] {
            batch.append(row: redis, stream: .stdout, records: [LogRecord(time: time, stream: .stdout, level: .info, message: "redis \(i)")],
                         position: StreamPosition(time: time, countAtTime: 1))
        }
        try store.commit(batch, at: Self.t0 + 30 * Self.minute)
        // Past --until is not shown; the rest once.
        #expect(Self.describe(try live.poll(db)) == ["redis 11"])
        #expect(try live.poll(db).isEmpty)
        #expect(live.isDone(now: Self.t0 + 20 * Self.minute) && !live.isDone(now: Self.t0 + 19 * Self.minute))
    }

    /// An event stored after the follower began and before its first answer was read is shown by
    /// that answer, and not again by the next poll (as a record is).
    @Test func liveTailShowsAnEventOfItsFirstAnswerOnce() throws {
        let db = try ReadOnlyDatabase(path: path)
        let question = TailQuestion(RecordScope(services: ["backend"]), newest: 100)
        var live = try LiveTail(question, in: db)
        let store = try CollectorStore(path: path)
        let backend = try db.containers(named: "backend")[0]
        var batch = WriteBatch()
        batch.events = [(backend, ContainerEvent(time: Self.t0 + 9 * Self.minute, action: "die",
                                                 container: container("b1", name: "backend-1", service: "backend"), exitCode: 3))]
        try store.commit(batch, at: Self.t0 + 10 * Self.minute)
        var shown: [LogEntry] = []
        try db.tail(question, now: Self.t0 + 10 * Self.minute) { entry in
            if let entry = live.admit(entry) { shown.append(entry) }
        }
        #expect(Self.describe(shown).filter { $0.hasPrefix("event") } == ["event 540s backend exited with code 3"])
        #expect(try live.poll(db, now: Self.t0 + 11 * Self.minute).isEmpty)
    }

    /// A record stored after a newer one (a traceback waits for its last line) is printed first:
    /// the newer one waits until the collector says every record before it is stored. Events come
    /// in their place; the collector stopping is said.
    @Test func liveTailPrintsInTimeOrderWhatTheCollectorStoresOutOfIt() throws {
        let db = try ReadOnlyDatabase(path: path)
        let store = try CollectorStore(path: path)
        try store.beginRun(at: Self.t0 + 11 * Self.minute, pid: getpid(), docker: "docker")
        var live = try LiveTail(TailQuestion(RecordScope()), in: db)
        let backend = try db.containers(named: "backend")[0], redis = try db.containers(named: "redis")[0]
        let at = { (seconds: Int64) in Self.t0 + 12 * Self.minute + seconds * Self.second }
        func record(_ row: Int64, _ seconds: Int64, _ message: String) -> WriteBatch {
            var batch = WriteBatch()
            batch.append(row: row, stream: .stdout, records: [LogRecord(time: at(seconds), stream: .stdout, level: .info, message: message)],
                         position: StreamPosition(time: at(seconds), countAtTime: 1))
            return batch
        }
        // A traceback of the backend began at 1 s and is still being read: redis's line of 3 s waits.
        var first = record(redis, 3, "redis newer")
        first.settled = at(1)
        try store.commit(first, at: at(4))
        #expect(try live.poll(db, now: at(4)).isEmpty)
        var second = record(backend, 1, "Traceback, whole")
        second.events = [(backend, ContainerEvent(time: at(2), action: "die", container: container("b1", name: "backend-1", service: "backend"), exitCode: 1))]
        try store.commit(second, at: at(5))
        #expect(Self.describe(try live.poll(db, now: at(5))) == ["Traceback, whole", "event 722s backend exited with code 1", "redis newer"])
        // A collector that stalls holds a record back 5 s at most.
        var stalled = record(redis, 6, "redis stalled")
        stalled.settled = at(0)
        try store.commit(stalled, at: at(6))
        #expect(try live.poll(db, now: at(6)).isEmpty)
        #expect(Self.describe(try live.poll(db, now: at(12))) == ["redis stalled"])
        try store.endRun(at: at(13))
        store.releaseWriterLock()
        #expect(Self.describe(try live.poll(db, now: at(13))) == ["collector stopped"])
        // Stopped, nothing is held back; the next run is said too.
        let next = try CollectorStore(path: path)
        try next.beginRun(at: at(14), pid: getpid(), docker: "docker")
        #expect(Self.describe(try live.poll(db, now: at(14))) == ["collector runs"])
        #expect(try live.poll(db, now: at(15)).isEmpty)
    }

    @Test func errorsComeWithTheComparedWindowAndNewSignatures() throws {
        let db = try ReadOnlyDatabase(path: path)
        let question = ErrorsQuestion(services: ["backend"], since: Self.t0 + 5 * Self.minute, until: Self.t0 + 10 * Self.minute,
                                      bucket: 5 * Self.minute, compare: 5 * Self.minute)
        let answer = try db.errors(question)
        #expect(answer.buckets.map { "\($0.service) \($0.records) \($0.errors)" } == ["backend 5 1"])
        #expect(answer.previousTotal(of: "backend").map { "\($0.records) \($0.errors)" } == "5 2")
        #expect(answer.signatures == ["backend": ["boom <n>": 1]])
        // The signature was seen before: not new. Without a comparison nothing is new.
        #expect(!answer.isNew("boom <n>", of: "backend"))
        var alone = question
        alone.compare = nil
        #expect(try db.errors(alone).previous == nil)
    }

    @Test func trendsOfADatabaseWithoutSamplesAreEmptyNotAnError() throws {
        let db = try ReadOnlyDatabase(path: path)
        #expect(try db.trends(TrendQuestion(metrics: [.cpu, .mem], since: Self.t0, until: Self.t0 + 10 * Self.minute)).isEmpty)
        let report = try db.report(ReportQuestion(since: Self.t0, until: Self.t0 + 10 * Self.minute), now: Self.t0 + 10 * Self.minute)
        #expect(report.services.map(\.service) == ["backend", "redis"])
        #expect(report.services.first?.errors.errors == 3)
    }
}
