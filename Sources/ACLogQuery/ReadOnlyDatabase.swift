import ACLogModel
import ACLogSQLite

/// The database as the queries see it: opened read-only, so no query can write, with the SQL
/// functions `record_fields` (a record's fields, read again from its message), `aclog_match`
/// (whether a message matches a search pattern) and `aclog_print_matches` (a span's matching lines).
public final class ReadOnlyDatabase {
    public let db: SQLiteConnection
    /// What searches worked out to choose their plans (`SearchPlanCache`).
    var planCache = SearchPlanCache()

    /// `announce` hears of an older database being brought up to date before it is read.
    public init(path: String, announce: (_ from: Int, _ to: Int) -> Void = { _, _ in }) throws(StoreError) {
        db = try SQLiteConnection(path: path, mode: .readOnly)
        RecordFieldsFunction.register(on: db)
        PatternFunction.register(on: db)
        PrintedMatchesFunction.register(on: db)
        IdTally.register(on: db)
        try Migrator().upgradeForReading(db, announce: announce)
        try Migrator().verify(db)
    }

    /// A word a user typed that names no container.
    public struct UnknownService: Error, CustomStringConvertible {
        public let word: String
        public let known: [String]
        public var description: String {
            let list = known.isEmpty ? "none yet" : known.joined(separator: ", ")
            return "unknown service '\(word)' (known: \(list))"
        }
    }

    /// Container rows a word names: the compose service label first, then the container name,
    /// then a docker id prefix of at least 3 characters.
    public func containers(named word: String) throws -> [Int64] {
        let s = try db.prepare(NamedQuery.sql("resolve_service"))
        try s.bind(word, named: ":word")
        var best = Int64.max
        var rows: [Int64] = []
        while try s.step() {
            let rank = s.int64(1)
            if rank > best { break }
            best = rank
            rows.append(s.int64(0))
        }
        if rows.isEmpty { throw UnknownService(word: word, known: try serviceNames()) }
        return rows
    }

    public func allContainers() throws(StoreError) -> [Int64] {
        try db.containerRows()
    }

    public func serviceNames() throws(StoreError) -> [String] {
        let s = try db.prepare(NamedQuery.sql("service_names"))
        var names: [String] = []
        while try s.step() { names.append(s.text(0)) }
        return names
    }

    /// The newest `limit` records in [since, until) of these containers, returned oldest first.
    public func tail(containers: [Int64], since: Int64, until: Int64, minLevel: Level, limit: Int?,
                     fields: [FieldFilter] = []) throws -> [StoredRecord] {
        var records: [StoredRecord] = []
        guard let limit else {
            try forEachRecord(containers: containers, since: since, until: until, minLevel: minLevel, fields: fields) {
                records.append($0)
            }
            return records
        }
        // Only the newest `limit`: each container's, read backwards along the (container, ts) index,
        // then the newest of those.
        let s = try db.prepare(FieldFilter.apply(fields, to: NamedQuery.sql("tail")))
        for container in Set(containers) {
            s.reset()
            try Self.bindRange(s, container: container, since: since, until: until, minLevel: minLevel, fields: fields)
            try s.bind(Int64(limit), named: ":limit")
            while try s.step() { records.append(StoredRecord(s)) }
        }
        records.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        return Array(records.suffix(limit))
    }

    /// Every record of a range, in time order, handed over one at a time. Each container's records
    /// come from a statement of its own in the order of the (container, ts) index, and the
    /// containers are merged here: nothing is sorted, and memory holds one record per container
    /// however many the range has (`aclog tail --since 7d` of 10M records held them all before).
    public func forEachRecord(containers: [Int64], since: Int64, until: Int64, minLevel: Level, fields: [FieldFilter] = [],
                              _ body: (StoredRecord) throws -> Void) throws {
        var statements: [SQLiteStatement] = []
        for container in Self.distinct(containers) {
            let s = try db.prepare(FieldFilter.apply(fields, to: NamedQuery.sql("tail_range")))
            try Self.bindRange(s, container: container, since: since, until: until, minLevel: minLevel, fields: fields)
            statements.append(s)
        }
        var merge = try TimeOrderedMerge(statements)
        try merge.forEach(body)
    }

    /// Each container once, in the order given.
    static func distinct(_ containers: [Int64]) -> [Int64] {
        var seen = Set<Int64>()
        return containers.filter { seen.insert($0).inserted }
    }

    /// The parameters tail.sql and tail_range.sql share, for one container.
    static func bindRange(_ s: SQLiteStatement, container: Int64, since: Int64, until: Int64, minLevel: Level, fields: [FieldFilter]) throws(StoreError) {
        try FieldFilter.bind(fields, to: s)
        try bindWindow(s, containers: [container], since: since, until: until)
        try s.bind(Int64(minLevel.rawValue), named: ":min_level")
    }

    /// The parameters of a query over some containers' rows in a time range: `:containers` (a
    /// JSON array of their rows), `:since` and `:until`.
    static func bindWindow(_ s: SQLiteStatement, containers: [Int64], since: Int64, until: Int64) throws(StoreError) {
        try s.bind(jsonArray(containers), named: ":containers")
        try s.bind(since, named: ":since")
        try s.bind(until, named: ":until")
    }

    /// Records stored after row `afterID`, in time order (for `tail -f`).
    public func records(after afterID: Int64, containers: [Int64], minLevel: Level,
                        fields: [FieldFilter] = []) throws(StoreError) -> [StoredRecord] {
        let s = try db.prepare(FieldFilter.apply(fields, to: NamedQuery.sql("tail_follow")))
        try FieldFilter.bind(fields, to: s)
        try s.bind(afterID, named: ":after_id")
        try s.bind(Self.jsonArray(containers), named: ":containers")
        try s.bind(Int64(minLevel.rawValue), named: ":min_level")
        var records: [StoredRecord] = []
        while try s.step() { records.append(StoredRecord(s)) }
        return records
    }

    public func maxRecordID() throws(StoreError) -> Int64 {
        try db.scalarInt(NamedQuery.sql("newest_record_id")) ?? 0
    }

    public func containerSummaries() throws(StoreError) -> [ContainerSummary] {
        let s = try db.prepare(NamedQuery.sql("containers"))
        var rows: [ContainerSummary] = []
        while try s.step() {
            rows.append(ContainerSummary(
                service: s.text(0), name: s.text(1), containerID: s.text(2), image: s.text(3), state: s.text(4),
                firstRecord: s.isNull(5) ? nil : s.int64(5), lastRecord: s.isNull(6) ? nil : s.int64(6),
                records: s.int64(7), restarts: s.int64(8), oomKills: s.int64(9),
                lastExitCode: s.isNull(10) ? nil : s.int64(10), health: s.optionalText(11),
                lastDeploy: s.isNull(12) ? nil : s.int64(12)))
        }
        return rows
    }

    static func jsonArray(_ rows: [Int64]) -> String {
        "[" + rows.map(String.init).joined(separator: ",") + "]"
    }
}
