import ACLogModel
import ACLogQuery
import ACLogSQLite
import ACLogStore
import ACLogTestSupport
@testable import ACLogWeb
import Synchronization
import Testing

/// The hub that feeds every live page: one reading, each entry rendered once per format, and a
/// page that cannot keep up told so instead of silently missing rows.
@Suite struct LiveHubTests {
    let path = temporaryDatabase()
    let store: CollectorStore
    let row: Int64
    let t0 = Timestamp.now()

    init() throws {
        store = try CollectorStore(path: path)
        row = try store.register(container("a1", name: "api-1", service: "api"), at: t0)
    }

    func store(_ messages: [String], from first: Int) throws {
        var batch = WriteBatch()
        for (i, message) in messages.enumerated() {
            let time = t0 + Int64(first + i) * 1_000_000
            batch.append(row: row, stream: .stdout, records: [LogRecord(time: time, stream: .stdout, level: .info, message: message)],
                         position: StreamPosition(time: time, countAtTime: 1))
        }
        try store.commit(batch, at: Timestamp.now())
    }

    final class Counter: Sendable {
        let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
    }

    /// A format that writes the message alone and counts what it rendered.
    static func counting(_ key: String, _ counter: Counter = Counter()) -> LiveFormat {
        LiveFormat(key: key, event: "rows") { entry in
            guard case .record(let record, _) = entry else { return nil }
            counter.count.withLock { $0 += 1 }
            return record.message
        }
    }

    @Test func eachEntryIsRenderedOncePerFormatHoweverManyViewersShowIt() async throws {
        let database = DatabaseAccess(path: path)
        let hub = LiveHub(database: database)
        let plain = Counter(), other = Counter()
        var streams: [AsyncStream<EventStreamMessage>] = []
        for k in 0..<4 {
            let format = k < 3 ? Self.counting("plain", plain) : Self.counting("other", other)
            streams.append(try await hub.watch(RecordFilter(services: ["api"]), as: format).messages)
        }
        try store((1...5).map { "line \($0)" }, from: 1)
        hub.stored()
        for stream in streams {
            var messages = stream.makeAsyncIterator()
            let message = await messages.next()
            #expect(message?.wire == "event: rows\n" + (1...5).map { "data: line \($0)\n" }.joined() + "\n")
        }
        #expect(plain.value == 5)
        #expect(other.value == 5)
        hub.shutdown()
        await database.shutdown()
    }

    /// Live pages (a second is their limit) do not mark the database followed: the collector
    /// commits every 50 ms only for `tail -f`, not four times as often for fifty pages.
    @Test func liveViewersDoNotMakeTheCollectorCommitSooner() async throws {
        let database = DatabaseAccess(path: path)
        let hub = LiveHub(database: database)
        let viewer = try await hub.watch(RecordFilter(), as: Self.counting("plain"))
        try store(["line 1"], from: 1)
        hub.stored()
        var messages = viewer.messages.makeAsyncIterator()
        #expect(await messages.next()?.wire == "event: rows\ndata: line 1\n\n")
        #expect(!FollowerPresence.isFollowed(database: path, now: Timestamp.now()))
        hub.shutdown()
        await database.shutdown()
    }

    @Test func aViewerThatFallsBehindKeepsWhatItWasSentAndIsToldSo() async throws {
        let database = DatabaseAccess(path: path)
        let hub = LiveHub(database: database)
        let slow = try await hub.watch(RecordFilter(), as: Self.counting("plain"))
        let prompt = try await hub.watch(RecordFilter(), as: Self.counting("plain"))
        var promptMessages = prompt.messages.makeAsyncIterator()
        let polls = LiveHub.backlog + 6
        for poll in 1...polls {
            try store(["line \(poll)"], from: poll)
            hub.stored()
            // The prompt viewer reads each poll's message before the next is stored.
            #expect(await promptMessages.next()?.wire == "event: rows\ndata: line \(poll)\n\n")
        }
        var received: [String] = []
        for await message in slow.messages { received.append(message.wire) }
        // What it was sent is whole and in order, up to where it fell behind; then its stream ended.
        #expect(received == (1...LiveHub.backlog).map { "event: rows\ndata: line \($0)\n\n" })
        #expect(hub.fellBehind(slow.id))
        #expect(!hub.fellBehind(prompt.id))
        hub.shutdown()
        await database.shutdown()
    }
}
