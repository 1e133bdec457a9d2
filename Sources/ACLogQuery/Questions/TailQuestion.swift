import ACLogModel
import ACLogSQLite

/// `aclog tail`: the records of some services in a window, oldest first.
public struct TailQuestion: Sendable {
    public var scope: RecordScope
    /// Only the newest this many; nil: the whole window.
    public var newest: Int?
    /// Only the records whose fields match them all.
    public var fields: [FieldFilter]
    /// The containers' events among the records (started, exited, OOM-killed, health).
    public var events: Bool

    public init(_ scope: RecordScope, newest: Int? = nil, fields: [FieldFilter] = [], events: Bool = true) {
        self.scope = scope
        self.newest = newest
        self.fields = fields
        self.events = events
    }
}

extension ReadOnlyDatabase {
    /// The records the question asks for in time order, with the coverage gaps and the
    /// containers' events between the first one shown (or `since`) and `until` (or now) placed
    /// where they fall. A whole window is read as it is handed over, however long it is.
    public func tail(_ question: TailQuestion, now: Int64 = Timestamp.now(), _ each: (LogEntry) throws -> Void) throws {
        let containers = try containers(for: question.scope.services)
        let window = question.scope.window
        var gaps = GapPlacer([])
        var events = TimePlacer<StoredEvent>([]) { $0.time }
        let place = { (from: Int64) throws(StoreError) in
            gaps = GapPlacer(try self.coverageGaps(containers: containers, since: from, until: window.until ?? now, now: now))
            if question.events {
                events = TimePlacer(try self.events(containers: containers, since: from, until: window.until ?? now)) { $0.time }
            }
        }
        func show(_ record: StoredRecord) throws {
            for gap in gaps.before(record.time) { try each(.gap(gap)) }
            for event in events.before(record.time) { try each(.event(event)) }
            try each(.record(record))
        }
        if let limit = question.newest {
            let records = try tail(containers: containers, since: window.from, until: window.to, minLevel: question.scope.minLevel,
                                   limit: limit, fields: question.fields)
            if let from = window.since ?? records.first?.time { try place(from) }
            for record in records { try show(record) }
        } else {
            try place(window.from)
            try forEachRecord(containers: containers, since: window.from, until: window.to, minLevel: question.scope.minLevel,
                              fields: question.fields) { try show($0) }
        }
        for gap in gaps.rest() { try each(.gap(gap)) }
        for event in events.rest() { try each(.event(event)) }
    }
}
