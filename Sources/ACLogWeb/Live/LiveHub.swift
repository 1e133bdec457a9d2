import ACLogModel
import ACLogQuery
import Synchronization

/// One reader of what the collector stores, for every live viewer: a single `LiveTail` of all
/// services polled while anyone watches, its entries handed to each viewer whose question they
/// answer. Fifty open pages cost one poll, not fifty, and an entry is rendered once per format
/// however many pages show it.
public final class LiveHub: Sendable {
    /// How often the database is asked for new records while someone watches.
    static let tick: Duration = .milliseconds(100)
    /// How often when the collector of this process says when it stores (`stored()`): a poll
    /// follows each commit, and this one only catches what came another way.
    static let tickWithCommits: Duration = .seconds(1)

    struct Viewer {
        var filter: RecordFilter
        /// Records and events up to these ids were read by the viewer's catch-up: not again.
        var seen: (records: Int64, events: Int64)
        var format: LiveFormat
        var continuation: AsyncStream<EventStreamMessage>.Continuation
    }

    private struct State {
        var viewers: [Int: Viewer] = [:]
        var nextID = 0
        var polling: Task<Void, Never>?
        /// Wakes the polling task for a poll now.
        var wake: AsyncStream<Void>.Continuation?
        var toldOfCommits = false
        /// Viewers whose stream was ended because they fell behind.
        var behind: Set<Int> = []
    }

    /// Messages a viewer may have waiting; one more and it has fallen behind (see `fellBehind`).
    static let backlog = 64

    private let database: DatabaseAccess
    private let state = Mutex(State())
    /// The shared tail, touched by one poll at a time.
    private let tail = Mutex<LiveTail?>(nil)

    init(database: DatabaseAccess) {
        self.database = database
    }

    /// Starts watching for `filter`: the ids read through so far (what the viewer's catch-up must
    /// read up to) and the stream of messages of the entries after them, in `format`. The stream
    /// ends when `cancel` is called, or when the viewer falls `backlog` messages behind: what it
    /// was sent before stays whole, and `fellBehind` says so.
    func watch(_ filter: RecordFilter, as format: LiveFormat) async throws
        -> (readThrough: (records: Int64, events: Int64), id: Int, messages: AsyncStream<EventStreamMessage>) {
        let readThrough = try await database.read { db in
            // The first viewer starts a new tail from what is stored now (an old one has not been
            // polled since its last viewer went).
            let alone = self.state.withLock { $0.viewers.isEmpty }
            return try self.tail.withLock { tail in
                if tail == nil || alone { tail = try LiveTail(TailQuestion(RecordScope(), events: true), in: db) }
                return tail!.readThrough
            }
        }
        let (stream, continuation) = AsyncStream<EventStreamMessage>.makeStream(bufferingPolicy: .bufferingOldest(Self.backlog))
        let id = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.viewers[id] = Viewer(filter: filter, seen: readThrough, format: format, continuation: continuation)
            if state.polling == nil {
                let (wakes, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
                state.wake = wake
                state.polling = Task { await self.poll(wakes, wake) }
            }
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
            defer { state.polling = nil; state.wake = nil }
            return (viewer, state.polling)
        }
        viewer?.continuation.finish()
        task?.cancel()
    }

    /// Whether the viewer's stream ended because it fell behind (asked once).
    func fellBehind(_ id: Int) -> Bool {
        state.withLock { $0.behind.remove(id) != nil }
    }

    /// The collector of this process has stored records or events: poll now.
    func stored() {
        state.withLock { state in
            state.toldOfCommits = true
            return state.wake
        }?.yield()
    }

    /// Polls every tick, and after each commit the collector tells of, while anyone watches.
    private func poll(_ wakes: AsyncStream<Void>, _ wake: AsyncStream<Void>.Continuation) async {
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: state.withLock { $0.toldOfCommits } ? Self.tickWithCommits : Self.tick)
                wake.yield()
            }
        }
        defer { ticker.cancel() }
        for await _ in wakes {
            if Task.isCancelled { break }
            let viewers = state.withLock { $0.viewers }
            if viewers.isEmpty { break }
            let chosen = try? await database.read { db -> (entries: [LogEntry], viewers: [(Int, [Int])]) in
                let entries = try self.tail.withLock { tail -> [LogEntry] in
                    guard var live = tail else { return [] }
                    defer { tail = live }
                    return try live.poll(db)
                }
                guard !entries.isEmpty else { return ([], []) }
                // Viewers asking the same question share its answer; each drops what it has seen.
                var answers: [String: [Int]] = [:]
                let oldest = Self.oldestIDs(entries)
                return (entries, try viewers.map { id, viewer in
                    let key = viewer.filter.identity
                    let chosen = try answers[key] ?? Self.select(entries, matching: viewer.filter, in: db)
                    answers[key] = chosen
                    let seenAll = viewer.seen.records < oldest.records && viewer.seen.events < oldest.events
                    return (id, seenAll ? chosen : Self.unseen(chosen, of: entries, by: viewer.seen))
                })
            }
            guard let chosen, !chosen.entries.isEmpty else { continue }
            var encoded = EncodedEntries(chosen.entries)
            for (id, indices) in chosen.viewers where !indices.isEmpty {
                guard let viewer = viewers[id], let message = encoded.message(indices, as: viewer.format) else { continue }
                if case .dropped = state.withLock({ $0.viewers[id]?.continuation })?.yield(message) {
                    state.withLock { _ = $0.behind.insert(id) }
                    cancel(id)
                }
            }
        }
    }

    /// The indices of the entries a filter passes, in the order the tail handed them over (time
    /// order), records and events together.
    static func select(_ entries: [LogEntry], matching filter: RecordFilter, in db: ReadOnlyDatabase) throws -> [Int] {
        var chosen: [Int] = []
        var needFields: [(index: Int, record: StoredRecord)] = []
        for index in entries.indices {
            switch entries[index] {
            case .record(let record, _):
                guard filter.matches(record) else { continue }
                if filter.fields.isEmpty { chosen.append(index) } else { needFields.append((index, record)) }
            case .event(let event):
                if filter.matches(event) { chosen.append(index) }
            case .collector:
                chosen.append(index)
            case .gap, .separator:
                continue
            }
        }
        guard !needFields.isEmpty else { return chosen }
        let passing = Set(try db.withFields(needFields.map(\.record), matching: filter.fields).map(\.id))
        return (chosen + needFields.filter { passing.contains($0.record.id) }.map(\.index)).sorted()
    }

    /// The lowest record and event ids among the entries (a viewer that saw less saw none of them).
    static func oldestIDs(_ entries: [LogEntry]) -> (records: Int64, events: Int64) {
        var oldest: (records: Int64, events: Int64) = (.max, .max)
        for entry in entries {
            switch entry {
            case .record(let record, _): oldest.records = min(oldest.records, record.id)
            case .event(let event): oldest.events = min(oldest.events, event.id)
            default: break
            }
        }
        return oldest
    }

    /// Of the chosen indices, those a viewer has not seen (its catch-up read them).
    static func unseen(_ chosen: [Int], of entries: [LogEntry], by seen: (records: Int64, events: Int64)) -> [Int] {
        chosen.filter { index in
            switch entries[index] {
            case .record(let record, _): record.id > seen.records
            case .event(let event): event.id > seen.events
            default: true
            }
        }
    }

    func shutdown() {
        let viewers = state.withLock { state in
            defer { state.viewers = [:]; state.polling?.cancel(); state.polling = nil; state.wake = nil }
            return state.viewers
        }
        for viewer in viewers.values { viewer.continuation.finish() }
    }
}
