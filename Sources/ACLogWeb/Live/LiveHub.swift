import ACLogModel
import ACLogQuery
import Synchronization

/// One reader of what the collector stores, for every live viewer: a single `LiveTail` of all
/// services polled while anyone watches, its entries handed to each viewer whose question they
/// answer. Fifty open pages cost one poll, not fifty.
public final class LiveHub: Sendable {
    /// How often the database is asked for new records while someone watches.
    static let tick: Duration = .milliseconds(100)

    struct Viewer {
        var filter: RecordFilter
        /// Records and events up to these ids were read by the viewer's catch-up: not again.
        var seen: (records: Int64, events: Int64)
        var continuation: AsyncStream<[LogEntry]>.Continuation
    }

    private struct State {
        var viewers: [Int: Viewer] = [:]
        var nextID = 0
        var polling: Task<Void, Never>?
    }

    private let database: DatabaseAccess
    private let state = Mutex(State())
    /// The shared tail, touched by one poll at a time.
    private let tail = Mutex<LiveTail?>(nil)

    init(database: DatabaseAccess) {
        self.database = database
    }

    /// Starts watching for `filter`: the ids read through so far (what the viewer's catch-up must
    /// read up to) and the stream of entries after them. The stream ends when `cancel` is called.
    func watch(_ filter: RecordFilter) async throws -> (readThrough: (records: Int64, events: Int64), id: Int, entries: AsyncStream<[LogEntry]>) {
        let readThrough = try await database.read { db in
            // The first viewer starts a new tail from what is stored now (an old one has not been
            // polled since its last viewer went).
            let alone = self.state.withLock { $0.viewers.isEmpty }
            return try self.tail.withLock { tail in
                if tail == nil || alone { tail = try LiveTail(TailQuestion(RecordScope(), events: true), in: db) }
                return tail!.readThrough
            }
        }
        let (stream, continuation) = AsyncStream<[LogEntry]>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let id = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.viewers[id] = Viewer(filter: filter, seen: readThrough, continuation: continuation)
            if state.polling == nil { state.polling = Task { await self.poll() } }
            return id
        }
        continuation.onTermination = { _ in self.cancel(id) }
        return (readThrough, id, stream)
    }

    func cancel(_ id: Int) {
        // Finished outside the lock: finishing calls `onTermination`, which cancels again.
        let (viewer, task) = state.withLock { state -> (Viewer?, Task<Void, Never>?) in
            let viewer = state.viewers.removeValue(forKey: id)
            guard viewer != nil, state.viewers.isEmpty else { return (viewer, nil) }
            defer { state.polling = nil }
            return (viewer, state.polling)
        }
        viewer?.continuation.finish()
        task?.cancel()
    }

    /// Polls every tick while anyone watches.
    private func poll() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.tick)
            if Task.isCancelled { break }
            let viewers = state.withLock { $0.viewers }
            if viewers.isEmpty { break }
            let deliveries = try? await database.read { db -> [(Int, [LogEntry])] in
                let entries = try self.tail.withLock { tail -> [LogEntry] in
                    guard var live = tail else { return [] }
                    defer { tail = live }
                    return try live.poll(db)
                }
                guard !entries.isEmpty else { return [] }
                return try viewers.map { id, viewer in (id, try Self.select(entries, for: viewer, in: db)) }
            }
            for (id, entries) in deliveries ?? [] where !entries.isEmpty {
                state.withLock { $0.viewers[id]?.continuation }?.yield(entries)
            }
        }
    }

    /// What of `entries` a viewer asked for and has not seen.
    static func select(_ entries: [LogEntry], for viewer: Viewer, in db: ReadOnlyDatabase) throws -> [LogEntry] {
        let records = entries.compactMap { entry -> StoredRecord? in
            guard case .record(let record, _) = entry, record.id > viewer.seen.records, viewer.filter.matches(record) else { return nil }
            return record
        }
        let passing = Set(try db.withFields(records, matching: viewer.filter.fields).map(\.id))
        // In the order the tail handed them over (time order), records and events together.
        return entries.filter { entry in
            switch entry {
            case .record(let record, _): passing.contains(record.id)
            case .event(let event): event.id > viewer.seen.events && viewer.filter.matches(event)
            case .collector: true
            case .gap, .separator: false
            }
        }
    }

    func shutdown() {
        let viewers = state.withLock { state in
            defer { state.viewers = [:]; state.polling?.cancel(); state.polling = nil }
            return state.viewers
        }
        for viewer in viewers.values { viewer.continuation.finish() }
    }
}
