import ACLogModel
import ACLogSQLite

/// `tail -f`: what is stored after a tail was answered, one poll at a time, in time order. Services
/// are named again at each poll, so a container created meanwhile is followed too.
///
/// The collector stores a record when it is whole: a traceback waits for its last line while
/// newer lines of other streams are stored. Each commit says before which time every record is
/// stored (`settled`); a record read after that time waits here until the collector has passed it,
/// so none is printed before an older one (at most the multi-line idle gap, `longestWait` if the
/// collector stalls). With no collector running nothing is held back.
public struct LiveTail: Sendable {
    public let question: TailQuestion
    /// Longest a record waits for the collector to settle its time (wall clock).
    public static let longestWait: Int64 = 5 * Timestamp.nanosPerSecond
    private var after: Int64
    private var afterEvent: Int64
    private var shownEarly: Set<Int64> = []
    private var eventsShownEarly: Set<Int64> = []
    private var held: [(record: StoredRecord, since: Int64)] = []
    private var heldEvents: [(event: StoredEvent, since: Int64)] = []
    private var collectorRunning: Bool?
    private var horizon: Int64 = .max

    /// Starts from what the database holds now: ask it before the first answer is read.
    public init(_ question: TailQuestion, in database: ReadOnlyDatabase, now: Int64 = Timestamp.now()) throws {
        self.question = question
        // The settled time first: the records it speaks for are among those read after it.
        let state = try database.collectorState()
        after = try database.maxRecordID()
        afterEvent = try database.db.scalarInt(NamedQuery.sql("newest_event_id")) ?? 0
        collectorRunning = state.running
        horizon = state.running ? (state.settled ?? .max) : .max
        started = now
    }

    private let started: Int64

    /// The newest record and event ids read so far: what a later reader of the same database
    /// must read up to itself to miss nothing this one will hand over.
    public var readThrough: (records: Int64, events: Int64) { (after, afterEvent) }

    /// An entry of the first answer (the tail before following): the entry to print now, or nil
    /// when it waits, as a polled one would, for an older record still being read. A record shown
    /// or held is not shown again.
    public mutating func admit(_ entry: LogEntry) -> LogEntry? {
        switch entry {
        case .record(let record, _):
            // Polls read only what was stored after `init`: only those need remembering.
            if record.id > after { shownEarly.insert(record.id) }
            guard record.time >= horizon else { return entry }
            held.append((record, started))
            return nil
        case .event(let event):
            if event.id > afterEvent { eventsShownEarly.insert(event.id) }
            guard event.time >= horizon else { return entry }
            heldEvents.append((event, started))
            return nil
        default:
            return entry
        }
    }

    /// What was stored since the last poll that the question asks for and that can be shown in
    /// time order now, with the containers' events and the collector stopping or running again.
    public mutating func poll(_ database: ReadOnlyDatabase, now: Int64 = Timestamp.now()) throws -> [LogEntry] {
        // One snapshot: a commit made between reading the records and reading the settled time
        // would let a newer record out before an older one that commit stored.
        try database.db.snapshot { try pollSnapshot(database, now: now) }
    }

    private mutating func pollSnapshot(_ database: ReadOnlyDatabase, now: Int64) throws -> [LogEntry] {
        let state = try database.collectorState()
        let containers = try database.containers(for: question.scope.services)
        let newest = try database.maxRecordID()
        for record in try database.records(after: after, containers: containers, minLevel: question.scope.minLevel, fields: question.fields)
        where record.id <= newest && !shownEarly.contains(record.id) {
            if let until = question.scope.window.until, record.time >= until { continue }
            held.append((record, now))
        }
        after = max(after, newest)
        if question.events {
            let events = try database.events(containers: containers, since: .min, until: question.scope.window.until ?? .max, after: afterEvent)
            heldEvents += events.filter { !eventsShownEarly.contains($0.id) }.map { ($0, now) }
            afterEvent = max(afterEvent, events.map(\.id).max() ?? afterEvent)
        }

        var entries: [LogEntry] = []
        if let running = collectorRunning, running != state.running {
            entries.append(.collector(CollectorChange(running: state.running, time: now, pid: state.running ? state.pid : nil)))
        }
        collectorRunning = state.running
        horizon = state.running ? (state.settled ?? .max) : .max

        let due = held.filter { $0.record.time < horizon || now - $0.since >= Self.longestWait }.map(\.record)
        held.removeAll { $0.record.time < horizon || now - $0.since >= Self.longestWait }
        let dueEvents = heldEvents.filter { $0.event.time < horizon || now - $0.since >= Self.longestWait }.map(\.event)
        heldEvents.removeAll { $0.event.time < horizon || now - $0.since >= Self.longestWait }
        var events = TimePlacer(dueEvents) { $0.time }
        for record in due.sorted(by: { ($0.time, $0.id) < ($1.time, $1.id) }) {
            entries += events.before(record.time).map(LogEntry.event)
            entries.append(.record(record))
        }
        entries += events.rest().map(LogEntry.event)
        return entries
    }

    /// With `--until`: that time has come and every record before it was shown.
    public func isDone(now: Int64 = Timestamp.now()) -> Bool {
        guard let until = question.scope.window.until else { return false }
        return now >= until && horizon >= until && held.isEmpty
    }
}
