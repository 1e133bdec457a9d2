@testable import ACLogCollector
import ACLogDocker
import ACLogModel
import ACLogParsing
import ACLogQuery
import ACLogSQLite
import ACLogStore
import Foundation
import Logging
import Synchronization
import Testing

@Suite struct BatchWriterTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("aclog-writer-\(UUID().uuidString).db").path
    let container = ContainerInfo(id: String(repeating: "c", count: 64), name: "api", image: "img", composeService: "backend", state: "running")

    func record(_ time: Int64, _ stream: LogStream = .stdout) -> LogRecord {
        LogRecord(time: time, stream: stream, level: .info, message: "m\(time)")
    }

    @Test func positionsIncludeWhatIsBufferedAndSurviveAFollowerRestart() async throws {
        let writer = try BatchWriter(path: path, docker: "docker")
        let row = try await writer.register(container)
        #expect(try await writer.positions(row: row).isEmpty)
        await writer.append(row: row, stream: .stdout, records: [record(10), record(10)], position: StreamPosition(time: 10, countAtTime: 2))
        // Not yet committed, yet a new follower must resume after these lines.
        #expect(try await writer.positions(row: row) == [.stdout: StreamPosition(time: 10, countAtTime: 2)])
        try await writer.finish()
        let reopened = try CollectorStore(path: path)
        #expect(try reopened.positions(row: row) == [.stdout: StreamPosition(time: 10, countAtTime: 2)])
        #expect(try reopened.db.scalarInt("SELECT count(*) FROM records") == 2)
    }

    @Test func aCompleteReadGivesTheSilentStreamACheckpoint() async throws {
        let writer = try BatchWriter(path: path, docker: "docker")
        let row = try await writer.register(container)
        _ = try await writer.positions(row: row)
        await writer.append(row: row, stream: .stdout, records: [record(5), record(9)], position: StreamPosition(time: 9, countAtTime: 1))
        await writer.markComplete(row: row)
        let positions = try await writer.positions(row: row)
        #expect(positions[.stderr] == StreamPosition(time: 9, countAtTime: 0))
        #expect(ContainerPipeline.since(positions) == 9)
        try await writer.finish()
        #expect(try CollectorStore(path: path).positions(row: row)[.stderr] == StreamPosition(time: 9, countAtTime: 0))
        // A later line of that stream at the same time is still taken.
        var filter = ResumeFilter(checkpoint: positions[.stderr])
        let admitted = [filter.admits(8), filter.admits(9)]
        #expect(admitted == [false, true])
    }

    @Test func theBatchCommitsAtItsSizeLimit() async throws {
        var policy = BatchWriter.Policy()
        policy.maxRecords = 3
        policy.maxDelay = 3_600_000_000_000
        let writer = try BatchWriter(path: path, docker: "docker", policy: policy)
        let row = try await writer.register(container)
        await writer.append(row: row, stream: .stdout, records: [record(1), record(2)], position: StreamPosition(time: 2, countAtTime: 1))
        #expect(await writer.committedRecords == 0)
        await writer.append(row: row, stream: .stderr, records: [record(3, .stderr)], position: StreamPosition(time: 3, countAtTime: 1))
        // The full batch commits as the writer's next job, not after its hour's delay.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while await writer.committedRecords < 3 && clock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(await writer.committedRecords == 3)
        await writer.flushIfDue()
        #expect(await writer.committedRecords == 3)
    }

    /// While a follower's mark is fresh (`FollowerPresence`) a batch waits `maxDelay` (20 ms);
    /// while nobody follows, `unwatchedDelay` (an hour). Waited for as events, not times: a busy
    /// machine only makes the commit come later. The mark stays fresh for an hour here: on a
    /// starved machine, seconds can pass between touching it and the writer's look.
    @Test(arguments: [true, false])
    func aBatchWaitsLessWhileSomeoneFollows(_ followed: Bool) async throws {
        var policy = BatchWriter.Policy()
        policy.maxDelay = 20_000_000
        policy.unwatchedDelay = 3_600_000_000_000
        policy.heartbeat = 3_600_000_000_000
        policy.followerFreshFor = 3_600_000_000_000
        let writer = try BatchWriter(path: path, docker: "docker", policy: policy)
        let row = try await writer.register(container)
        await writer.flushIfDue()  // the first heartbeat: the next one is an hour away
        if followed { FollowerPresence.announce(database: path) }
        await writer.append(row: row, stream: .stdout, records: [record(1)], position: StreamPosition(time: 1, countAtTime: 1))
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(followed ? 60 : 1)
        while await writer.committedRecords == 0 && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(25))
            await writer.flushIfDue()
        }
        #expect(await writer.committedRecords == (followed ? 1 : 0))
    }

    /// A full database (max_page_count stands in for a full disk): the writer keeps what it holds,
    /// makes appenders wait once its buffer is full, and commits everything once there is room.
    @Test func aFullDatabaseHoldsThenPausesThenResumes() async throws {
        var policy = BatchWriter.Policy()
        policy.maxRecords = 100
        policy.bufferLimit = 1_000
        policy.retryEvery = 0
        let writer = try BatchWriter(path: path, docker: "docker", policy: policy)
        let row = try await writer.register(container)
        try await writer.capPages(extra: 4)
        let filler = String(repeating: "y", count: 400)
        var time: Int64 = 0
        func next(_ n: Int) -> ([LogRecord], StreamPosition) {
            let records = (0..<n).map { _ -> LogRecord in
                time += 1
                return LogRecord(time: time, stream: .stdout, level: .info, message: "\(time) \(filler)")
            }
            return (records, StreamPosition(time: time, countAtTime: 1))
        }
        // 900 records fit in memory: appending never waits, though commits fail.
        for _ in 0..<9 {
            let (records, position) = next(100)
            await writer.append(row: row, stream: .stdout, records: records, position: position)
        }
        #expect(await writer.isFailing)
        let committedWhileFull = await writer.committedRecords
        #expect(committedWhileFull < 900)
        // The next append reaches the limit and waits.
        let (records, position) = next(200)
        let returned = Mutex(false)
        let blocked = Task {
            await writer.append(row: row, stream: .stdout, records: records, position: position)
            returned.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(200))
        await writer.flushIfDue()
        #expect(await writer.isFailing)
        #expect(returned.withLock { !$0 }, "the append must wait while the buffer is full")
        // Room again: the next retry commits everything, and the waiting append returns.
        try await writer.capPages(extra: nil)
        try await Task.sleep(for: .milliseconds(250))
        await writer.flushIfDue()
        await blocked.value
        #expect(returned.withLock { $0 })
        #expect(await !writer.isFailing)
        try await writer.finish()
        let db = try SQLiteConnection(path: path, mode: .readOnly)
        #expect(try db.scalarInt("SELECT count(*) FROM records") == 1_100)
        #expect(try db.scalarInt("SELECT count(DISTINCT message) FROM records") == 1_100)
        #expect(try db.scalarInt("SELECT ts FROM checkpoints WHERE container = \(row) AND stream = 1") == 1_100)
    }
}

@Suite struct ContainerPipelineTests {
    @Test func dropsLinesTheCheckpointCoversAndAdvancesPerStream() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aclog-sink-\(UUID().uuidString).db").path
        let writer = try BatchWriter(path: path, docker: "docker")
        let container = ContainerInfo(id: String(repeating: "d", count: 64), name: "db", image: "mysql", state: "running")
        let row = try await writer.register(container)
        let checkpoints: [LogStream: StreamPosition] = [.stdout: StreamPosition(time: 100, countAtTime: 1)]
        #expect(ContainerPipeline.since(checkpoints) == nil)  // stderr has none: read from the start
        let sink = ContainerPipeline(row: row, builder: .init(container: container), writer: writer,
                                logger: Logger(label: "test"), checkpoints: checkpoints)
        await sink.accept(.stdout, [DockerLine(time: 90, text: "old"), DockerLine(time: 100, text: "stored"),
                                    DockerLine(time: 100, text: "new at same time"), DockerLine(time: 101, text: "ERROR: new")])
        await sink.accept(.stderr, [DockerLine(time: 50, text: "early stderr")])
        await sink.finish()
        try await writer.finish()
        let reader = try ReadOnlyDatabase(path: path)
        let stored = try reader.tail(containers: [row], since: .min, until: .max, minLevel: .unknown, limit: nil)
        #expect(stored.map(\.message) == ["early stderr", "new at same time", "ERROR: new"])
        #expect(stored.last?.level == .error)
        let store = try CollectorStore(path: path)
        #expect(try store.positions(row: row) == [.stdout: StreamPosition(time: 101, countAtTime: 1), .stderr: StreamPosition(time: 50, countAtTime: 1)])
    }

    /// `accept` returns once its records are queued for the writer, but no further than
    /// `queueLimit` records ahead of it: with the database full, the reading stops (Docker keeps
    /// the lines), and once it can be written every record is stored once, in order.
    @Test(.timeLimit(.minutes(5))) func readingRunsAheadOfTheWriterOnlySoFar() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aclog-queue-\(UUID().uuidString).db").path
        var policy = BatchWriter.Policy()
        policy.maxRecords = 100
        policy.bufferLimit = 1_000
        policy.retryEvery = 0
        let writer = try BatchWriter(path: path, docker: "docker", policy: policy)
        let container = ContainerInfo(id: String(repeating: "e", count: 64), name: "api", image: "img", state: "running")
        let row = try await writer.register(container)
        try await writer.capPages(extra: 4)
        let pipeline = ContainerPipeline(row: row, builder: .init(container: container), writer: writer,
                                         logger: Logger(label: "test"), checkpoints: [:])
        let chunks = 30, perChunk = 1_000
        let accepted = Mutex(0)
        let reading = Task {
            for c in 0..<chunks {
                let lines = (0..<perChunk).map { i -> DockerLine in
                    let n = c * perChunk + i
                    return DockerLine(time: Int64(n + 1) * 1_000, text: "line \(n) " + String(repeating: "y", count: 300))
                }
                await pipeline.accept(.stdout, lines)
                accepted.withLock { $0 += 1 }
            }
        }
        // Until the reading stops: the writer holds all it may while commits fail, and `accept`
        // waits for the queue (or all of it was accepted, which fails). Events, not a time: a busy
        // machine only makes them come later.
        while true {
            await writer.flushIfDue()
            if accepted.withLock({ $0 }) == chunks { break }
            if await writer.appendersWaiting > 0 && pipeline.waitsForWriter.load(ordering: .relaxed) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let aheadWhileFull = accepted.withLock { $0 }
        #expect(await writer.isFailing)
        // The writer's buffer, the queue, and the chunk that went over it.
        #expect(aheadWhileFull * perChunk <= policy.bufferLimit + ContainerPipeline.queueLimit + 2 * perChunk, "\(aheadWhileFull) chunks")
        #expect(aheadWhileFull < chunks)
        // Room again: the writer retries (as the collector's clock has it do) until all is in.
        try await writer.capPages(extra: nil)
        let retrying = Task {
            while !Task.isCancelled {
                await writer.flushIfDue()
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        await reading.value
        await pipeline.finish()
        retrying.cancel()
        try await writer.finish()
        let db = try SQLiteConnection(path: path, mode: .readOnly)
        #expect(try db.scalarInt("SELECT count(*) FROM records") == Int64(chunks * perChunk))
        // In the order read: each record's id follows the one before it in time.
        #expect(try db.scalarInt("SELECT count(*) FROM records AS a JOIN records AS b ON b.id = a.id + 1 WHERE b.ts <= a.ts") == 0)
    }
}
