import ACLogModel
import ACLogSQLite

/// `aclog grep`'s queries: matches through the full-text index (or a scan when the index cannot
/// narrow the pattern), each checked against the pattern itself, and their context lines.
extension ReadOnlyDatabase {
    /// Windows of at least this many records are searched through the index. A smaller one is
    /// scanned, unless the index holds fewer matches in all than half the window: a common word
    /// is read faster from the window's records, a rare one from its index entries.
    public static let scanBelow: Int64 = 300_000
    /// So few matches in all are read through the index whatever the window, without sizing it
    /// (summing a week of per-minute counts costs more than reading them).
    public static let fewMatches: Int64 = 200

    /// How a search finds its records; tests choose a path, users get `.automatic`.
    public enum Plan: Sendable { case automatic, index, scan }

    /// Matches this many or fewer are held whole until they are put in time order; past it, only
    /// their times and ids are kept and the records are read again in order (a common word over a
    /// week matched 4.8M records and held 3.3 GB).
    public static let heldMatches = 20_000

    /// Every match, in time order.
    public func search(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64, minLevel: Level,
                       plan: Plan = .automatic) throws -> [StoredRecord] {
        var found: [StoredRecord] = []
        try forEachMatch(pattern, containers: containers, since: since, until: until, minLevel: minLevel, plan: plan) { found.append($0) }
        return found
    }

    /// Every match, in time order, handed over one at a time; memory stays bounded however many.
    /// `holding`: how many matches may be held whole (tests read them all again with 0).
    public func forEachMatch(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64, minLevel: Level,
                             plan: Plan = .automatic, holding: Int = heldMatches,
                             _ body: (StoredRecord) throws -> Void) throws {
        var references: [(time: Int64, id: Int64)] = []
        var held: [StoredRecord] = []
        var holdsAll = true
        try eachMatch(pattern, containers: containers, since: since, until: until, minLevel: minLevel, plan: plan) { record in
            references.append((record.time, record.id))
            guard holdsAll else { return }
            held.append(record)
            if held.count > holding {
                holdsAll = false
                held = []
            }
        }
        // Both queries give each container's records in order, not all of them in time order.
        if holdsAll {
            let before = { (a: StoredRecord, b: StoredRecord) in (a.time, a.id) < (b.time, b.id) }
            if !zip(held, held.dropFirst()).allSatisfy({ !before($1, $0) }) { held.sort(by: before) }
            for record in held { try body(record) }
            return
        }
        references.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        let s = try db.prepare(NamedQuery.sql("records_by_id"))
        var start = 0
        while start < references.count {
            let chunk = references[start..<min(start + 500, references.count)]
            s.reset()
            try s.bind(Self.jsonArray(chunk.map(\.id)), named: ":ids")
            var byID: [Int64: StoredRecord] = [:]
            while try s.step() {
                let record = StoredRecord(s)
                byID[record.id] = record
            }
            for reference in chunk {
                if let record = byID[reference.id] { try body(record) }
            }
            start += chunk.count
        }
    }

    /// How many records match, per service.
    public func countMatches(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64,
                             minLevel: Level) throws(StoreError) -> [String: Int] {
        var counts: [String: Int] = [:]
        try eachMatch(pattern, containers: containers, since: since, until: until, minLevel: minLevel, plan: .automatic) {
            counts[$0.service, default: 0] += 1
        }
        return counts
    }

    /// The matches in the order the chosen query gives them: each container's in time order.
    private func eachMatch(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64, minLevel: Level,
                           plan: Plan, _ body: (StoredRecord) -> Void) throws(StoreError) {
        let statement: SQLiteStatement
        let check: Bool
        let useIndex = switch plan {
        case .index: true
        case .scan: false
        case .automatic: try prefersIndex(pattern, containers: containers, since: since, until: until)
        }
        if let match = pattern.ftsQuery, useIndex {
            statement = try db.prepare(NamedQuery.sql("grep_fts"))
            try statement.bind(match, named: ":match")
            check = pattern.needsCheck
        } else {
            statement = try db.prepare(NamedQuery.sql("grep_scan"))
            // SQLite's lower() folds ASCII only: a folded needle must be ASCII to be safe.
            let needle = pattern.requiredSubstring.flatMap { !pattern.ignoreCase || $0.allSatisfy(\.isASCII) ? $0 : nil }
            try statement.bind(needle.map { pattern.ignoreCase ? $0.lowercased() : $0 }, named: ":needle")
            try statement.bind(pattern.ignoreCase ? 1 : 0, named: ":fold")
            check = true
        }
        try Self.bindWindow(statement, containers: containers, since: since, until: until)
        try statement.bind(Int64(minLevel.rawValue), named: ":min_level")
        while try statement.step() {
            let record = StoredRecord(statement)
            if !check || pattern.matches(record.message) { body(record) }
        }
    }

    func prefersIndex(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> Bool {
        guard let match = pattern.ftsQuery else { return false }
        if try indexMatches(match, upTo: Self.fewMatches) < Self.fewMatches { return true }
        let window = try windowSize(containers: containers, since: since, until: until)
        if window >= Self.scanBelow { return true }
        let limit = window / 2
        guard limit > 0 else { return false }
        return try indexMatches(match, upTo: limit) < limit
    }

    /// The records that hold the words of `match`, counted up to `limit`.
    func indexMatches(_ match: String, upTo limit: Int64) throws(StoreError) -> Int64 {
        let s = try db.prepare(NamedQuery.sql("grep_fts_count"))
        try s.bind(match, named: ":match")
        try s.bind(limit, named: ":limit")
        return try s.step() ? s.int64(0) : 0
    }

    func windowSize(containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> Int64 {
        let s = try db.prepare(NamedQuery.sql("window_size"))
        try s.bind(Self.jsonArray(containers), named: ":containers")
        try s.bind(since == Int64.min ? Int64.min + 60_000_000_000 : since, named: ":since")
        try s.bind(until, named: ":until")
        return try s.step() ? s.int64(0) : 0
    }

    /// Up to `count` records before (`after` false, returned oldest first) or after a record, in
    /// its container and stream.
    public func context(of record: StoredRecord, count: Int, after: Bool) throws(StoreError) -> [StoredRecord] {
        guard count > 0, let row = record.containerRow else { return [] }
        let s = try db.prepare(NamedQuery.sql(after ? "context_after" : "context_before"))
        try s.bind(row, named: ":container")
        try s.bind(Int64(record.stream.rawValue), named: ":stream")
        try s.bind(record.time, named: ":ts")
        try s.bind(record.id, named: ":id")
        try s.bind(Int64(count), named: ":count")
        var rows: [StoredRecord] = []
        while try s.step() { rows.append(StoredRecord(s)) }
        return after ? rows : rows.reversed()
    }
}
