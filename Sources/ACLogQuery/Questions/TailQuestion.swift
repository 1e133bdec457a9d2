import ACLogModel
import ACLogSQLite

/// `aclog tail`: the records of some services in a window, oldest first.
public struct TailQuestion: Sendable {
    public var scope: RecordScope
    /// Only the newest this many; nil: the whole window.
    public var newest: Int?
    /// Only the records whose fields match them all.
    public var fields: [FieldFilter]

    public init(_ scope: RecordScope, newest: Int? = nil, fields: [FieldFilter] = []) {
        self.scope = scope
        self.newest = newest
        self.fields = fields
    }
}

extension ReadOnlyDatabase {
    /// The records the question asks for in time order, with the coverage gaps between the first
    /// one shown (or `since`) and `until` (or now) placed where they fall. A whole window is read
    /// as it is handed over, however long it is.
    public func tail(_ question: TailQuestion, now: Int64 = Timestamp.now(), _ each: (LogEntry) throws -> Void) throws {
        let containers = try containers(for: question.scope.services)
        let window = question.scope.window
        var placer = GapPlacer([])
        let gaps = { (from: Int64) throws(StoreError) in
            GapPlacer(try self.coverageGaps(containers: containers, since: from, until: window.until ?? now, now: now))
        }
        func show(_ record: StoredRecord, _ placer: inout GapPlacer) throws {
            for gap in placer.before(record.time) { try each(.gap(gap)) }
            try each(.record(record))
        }
        if let limit = question.newest {
            let records = try tail(containers: containers, since: window.from, until: window.to, minLevel: question.scope.minLevel,
                                   limit: limit, fields: question.fields)
            if let from = window.since ?? records.first?.time { placer = try gaps(from) }
            for record in records { try show(record, &placer) }
        } else {
            placer = try gaps(window.from)
            try forEachRecord(containers: containers, since: window.from, until: window.to, minLevel: question.scope.minLevel,
                              fields: question.fields) { try show($0, &placer) }
        }
        for gap in placer.rest() { try each(.gap(gap)) }
    }
}
