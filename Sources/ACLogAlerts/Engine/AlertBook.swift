import ACLogModel
import ACLogSQLite

/// The alerts' state and their outbox in the database, written in the collector's transactions:
/// a batch of records and what its alerts did commit together, so a crash neither forgets a
/// firing alert nor tells of it twice.
final class AlertBook {
    struct Key: Hashable {
        var rule: String
        var service: String
        var signature: String
    }

    /// An alert as the book keeps it between batches.
    struct Alert {
        var id: Int64
        var state: String
        var container: String?
        var firstTime: Int64
        var lastTime: Int64
        var occurrences: Int
        var notifiedTime: Int64?
        var unsent: Int
        var unsentRecords: [String]
    }

    /// A notification not yet handed to its channels: repeats fold into it.
    struct Waiting {
        var ids: [Int64]
        var count: Int
        var records: [String]
        /// A catch-up summary's services and first occurrence, for its summary as more fold in.
        var services: Set<String>
        var first: String
    }

    static let recordsKept = 10

    private let db: SQLiteConnection
    private let find, insert, update, insertNotification, fold: SQLiteStatement
    private(set) var alerts: [Key: Alert] = [:]
    private var waiting: [Int64: Waiting] = [:]

    init(db: SQLiteConnection) throws(StoreError) {
        self.db = db
        find = try db.prepare(NamedQuery.sql("store/alert_find"))
        insert = try db.prepare(NamedQuery.sql("store/alert_insert"))
        update = try db.prepare(NamedQuery.sql("store/alert_update"))
        insertNotification = try db.prepare(NamedQuery.sql("store/alert_insert_notification"))
        fold = try db.prepare(NamedQuery.sql("store/alert_fold_notification"))
        let open = try db.prepare(NamedQuery.sql("store/alert_open"))
        while try open.step() {
            alerts[Key(rule: open.text(1), service: open.text(2), signature: open.text(3))] = Self.alert(open, from: 4, id: open.int64(0))
        }
    }

    private static func alert(_ s: SQLiteStatement, from c: Int32, id: Int64) -> Alert {
        Alert(id: id, state: s.text(c), container: s.optionalText(c + 1), firstTime: s.int64(c + 2), lastTime: s.int64(c + 3),
              occurrences: Int(s.int64(c + 4)), notifiedTime: s.isNull(c + 5) ? nil : s.int64(c + 5), unsent: Int(s.int64(c + 6)),
              unsentRecords: s.optionalText(c + 7).map(Self.elements) ?? [])
    }

    /// The alert of `key`, from memory, the database, or new (firing from `time`).
    func alert(_ key: Key, firstTime time: Int64) throws(StoreError) -> Alert {
        if let known = alerts[key] { return known }
        find.reset()
        find.bind(key.rule, at: 1)
        find.bind(key.service, at: 2)
        find.bind(key.signature, at: 3)
        if try find.step() { return Self.alert(find, from: 1, id: find.int64(0)) }
        insert.reset()
        insert.bind(key.rule, at: 1)
        insert.bind(key.service, at: 2)
        insert.bind(key.signature, at: 3)
        insert.bind(time, at: 4)
        try insert.step()
        return Alert(id: db.lastInsertRowID, state: "firing", container: nil, firstTime: time, lastTime: time, occurrences: 0,
                     notifiedTime: nil, unsent: 0, unsentRecords: [])
    }

    func save(_ alert: Alert, key: Key) throws(StoreError) {
        let s = update
        s.reset()
        s.bind(alert.id, at: 1)
        s.bind(alert.state, at: 2)
        s.bind(alert.container, at: 3)
        s.bind(alert.firstTime, at: 4)
        s.bind(alert.lastTime, at: 5)
        s.bind(Int64(alert.occurrences), at: 6)
        s.bind(alert.notifiedTime, at: 7)
        s.bind(Int64(alert.unsent), at: 8)
        s.bind(alert.unsentRecords.isEmpty ? nil : Self.array(alert.unsentRecords), at: 9)
        try s.step()
        // Only what a later batch or tick must see stays in memory.
        alerts[key] = alert.state == "firing" || alert.unsent > 0 ? alert : nil
    }

    /// Whether a notification of this alert still waits for its group wait: repeats fold into it.
    func isWaiting(_ alert: Int64) -> Bool { waiting[alert] != nil }

    /// More occurrences into the waiting notification; `services`, for a catch-up summary, the
    /// services they come from.
    func foldInto(_ alert: Int64, count: Int, records: [String], services: Set<String> = []) throws(StoreError) {
        guard var w = waiting[alert] else { return }
        w.count += count
        w.records = Array((w.records + records).prefix(Self.recordsKept))
        let more = !services.isSubset(of: w.services)
        w.services.formUnion(services)
        waiting[alert] = w
        for id in w.ids {
            fold.reset()
            fold.bind(id, at: 1)
            fold.bind(Int64(w.count), at: 2)
            fold.bind(Self.array(w.records), at: 3)
            fold.bind(more ? Occurrence.catchUpSummary(services: w.services, first: w.first) : nil, at: 4)
            try fold.step()
        }
    }

    /// A notification of `alert` to each channel, sent at `due`; `services` and `first` make a
    /// catch-up summary's.
    func notify(_ alert: Int64, channels: [String], state: String, now: Int64, due: Int64, occurrence: Occurrence,
                count: Int, records: [String], services: Set<String> = [], first: String = "") throws(StoreError) {
        let kept = Array(records.prefix(Self.recordsKept))
        var ids: [Int64] = []
        for channel in channels {
            let s = insertNotification
            s.reset()
            s.bind(alert, at: 1)
            s.bind(channel, at: 2)
            s.bind(state, at: 3)
            s.bind(now, at: 4)
            s.bind(due, at: 5)
            s.bind(occurrence.time, at: 6)
            s.bind(occurrence.container, at: 7)
            s.bind(services.isEmpty ? occurrence.summary : Occurrence.catchUpSummary(services: services, first: first), at: 8)
            s.bind(occurrence.value, at: 9)
            s.bind(Int64(count), at: 10)
            s.bind(Self.array(kept), at: 11)
            try s.step()
            ids.append(db.lastInsertRowID)
        }
        if state == "firing" { waiting[alert] = Waiting(ids: ids, count: count, records: kept, services: services, first: first) }
    }

    /// The notifications handed to their channels: nothing folds into them any more.
    func handedOver(_ ids: Set<Int64>) {
        waiting = waiting.filter { $0.value.ids.allSatisfy { !ids.contains($0) } }
    }

    static func array(_ elements: [String]) -> String { "[" + elements.joined(separator: ",") + "]" }

    /// The objects of an array this book wrote (`Occurrence.recordJSON`'s).
    static func elements(_ array: String) -> [String] {
        var out: [String] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start: String.Index?
        for index in array.indices {
            let c = array[index]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            switch c {
            case "\"": inString = true
            case "{":
                if depth == 0 { start = index }
                depth += 1
            case "}":
                depth -= 1
                if depth == 0, let s = start { out.append(String(array[s...index])) }
            default: break
            }
        }
        return out
    }
}
