import ACLogModel
import ACLogQuery
import ACLogRender

/// The live streams: `/logs/stream` sends the logs page's rows as HTML, `/api/stream` the CLI's
/// `-o json` lines, each as server-sent events. A stream first sends what was stored after the
/// page's `after` id (the records stored while the page loaded), then what the hub reads.
enum LiveStreams {
    static func page(_ request: WebRequest, hub: LiveHub, database: DatabaseAccess) async throws -> WebResponse {
        let query = try WebQuery(request)
        let renderer = EntryHTML(utc: query.utc, highlight: query.pattern)
        let format = LiveFormat(key: "html " + renderer.key, event: "rows") { renderer.row($0) }
        return .events(LiveStream(hub: hub, database: database, filter: query.filter, after: after(request), format: format))
    }

    static func api(_ request: WebRequest, hub: LiveHub, database: DatabaseAccess) async throws -> WebResponse {
        let query = try WebQuery(request)
        let width = try await database.read { try ShortStyle(utc: query.utc, colour: false, database: $0) }
        let render = LogLines(format: .json, style: width)
        let format = LiveFormat(key: "json utc=\(query.utc)", event: nil) { render.line($0) }
        return .events(LiveStream(hub: hub, database: database, filter: query.filter, after: after(request), format: format))
    }

    static func after(_ request: WebRequest) -> (records: Int64, events: Int64)? {
        guard let records = request.parameter("after").flatMap({ Int64($0) }) else { return nil }
        return (records, request.parameter("after_event").flatMap { Int64($0) } ?? records)
    }
}

/// One viewer's live stream.
struct LiveStream: EventStreamSource {
    let hub: LiveHub
    let database: DatabaseAccess
    let filter: RecordFilter
    /// What the viewer has already (the page's ids); nil: only what comes from now on.
    let after: (records: Int64, events: Int64)?
    let format: LiveFormat
    /// A comment sent when nothing else was, so a client that went away is noticed.
    static let keepAlive: Duration = .seconds(15)
    /// Records of a page older than this many are not caught up: the stream says `skipped`.
    static let longestCatchUp = 2_000
    /// What the catch-up found: the entries, or more records than it sends.
    enum Missed { case entries([LogEntry]), tooMany }

    func run(_ send: @escaping @Sendable (EventStreamMessage) async -> Bool) async {
        guard let watching = try? await hub.watch(filter, as: format) else { return }
        defer { hub.cancel(watching.id) }
        guard await send(EventStreamMessage(event: "ready", data: "")) else { return }
        if let after, let missed = try? await catchUp(after, through: watching.readThrough) {
            switch missed {
            case .entries(let entries):
                if let message = format.message(entries) { guard await send(message) else { return } }
            case .tooMany:
                // Said, so the page can show that rows are missing here.
                guard await send(EventStreamMessage(event: "skipped", data: "")) else { return }
            }
        }
        await withTaskGroup(of: Void.self) { group in
            let (ticks, tick) = AsyncStream<Void>.makeStream()
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.keepAlive)
                    tick.yield()
                }
                tick.finish()
            }
            group.addTask {
                for await _ in ticks {
                    if !(await send(.keepAlive)) { break }
                }
                hub.cancel(watching.id)
            }
            var open = true
            for await message in watching.messages {
                if !(await send(message)) { open = false; break }
            }
            // A client that fell behind is told, and the stream ends: it asks again from the
            // last row it has, and the catch-up sends what it missed.
            if hub.fellBehind(watching.id), open { _ = await send(EventStreamMessage(event: "behind", data: "")) }
            group.cancelAll()
            tick.finish()
        }
    }

    /// The entries the viewer's question asks for stored after its page and up to where the hub
    /// began reading for it, unless more records than `longestCatchUp` came since.
    private func catchUp(_ after: (records: Int64, events: Int64), through: (records: Int64, events: Int64)) async throws -> Missed {
        guard through.records > after.records || through.events > after.events else { return .entries([]) }
        guard through.records - after.records <= Int64(Self.longestCatchUp) else { return .tooMany }
        let filter = self.filter
        return try await database.read { db in
            let containers = try db.containers(for: filter.services)
            let records = try db.records(after: after.records, containers: containers, minLevel: filter.minLevel, fields: filter.fields)
                .filter { $0.id <= through.records && filter.matches($0) }
            let events = try db.events(containers: containers, since: .min, until: .max, after: after.events)
                .filter { $0.id <= through.events }
            return .entries((records.map { LogEntry.record($0) } + events.map(LogEntry.event)).sorted { $0.time < $1.time })
        }
    }
}

extension LogEntry {
    var time: Int64 {
        switch self {
        case .record(let r, _): r.time
        case .event(let e): e.time
        case .gap(let g): g.start
        case .collector(let c): c.time
        case .separator: 0
        }
    }
}
