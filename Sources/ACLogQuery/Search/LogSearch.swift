import ACLogModel
import ACLogSQLite

/// `aclog grep`'s queries: matches through the full-text index (or a scan when the index cannot
/// narrow the pattern), each checked against the pattern itself, and their context lines.
extension ReadOnlyDatabase {
    /// A word found in more than one record in `commonShare` of the window is read by scanning the
    /// window in time order, each container apart and merged as they go: its first matches are
    /// shown at once, and reading the window costs less than following that many index entries
    /// and putting them in order. A rarer word is read through the index.
    public static let commonShare: Int64 = 20
    /// Whatever the window, this many matches in all are enough to call a word common: counting
    /// more index entries would hold up the first line (about 5 ms per 100,000 on the 10M-record
    /// database: `aclog sql "SELECT count(*) FROM (SELECT 1 FROM records_fts WHERE … LIMIT n)"`).
    public static let commonMatches: Int64 = 200_000
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
        guard try usesIndex(pattern, plan: plan, containers: containers, since: since, until: until) else {
            var statements: [SQLiteStatement] = []
            for container in Self.distinct(containers) {
                statements.append(try scanStatement(pattern, containers: [container], since: since, until: until, minLevel: minLevel))
            }
            var merge = try TimeOrderedMerge(statements) { pattern.matchesScanned($0.message) }
            try merge.forEach(body)
            return
        }
        var references: [(time: Int64, id: Int64)] = []
        var held: [StoredRecord] = []
        var holdsAll = true
        try eachMatch(pattern, containers: containers, since: since, until: until, minLevel: minLevel, plan: .index) { record in
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

    /// How many records match, per service. A scan over most of the records reads the table in
    /// row order (`grep_count_scan`); otherwise the matches are found as `grep` finds them.
    public func countMatches(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64,
                             minLevel: Level) throws(StoreError) -> [String: Int] {
        var counts: [String: Int] = [:]
        // Decided once: the index probes count up to 200,000 entries.
        let plan: Plan = try usesIndex(pattern, plan: .automatic, containers: containers, since: since, until: until) ? .index : .scan
        if plan == .scan,
           try windowSize(containers: containers, since: since, until: until) * 4
               >= windowSize(containers: containers, since: .min, until: .max) {
            let statement = try db.prepare(NamedQuery.sql("grep_count_scan"))
            try bindScan(statement, pattern, containers: containers, since: since, until: until, minLevel: minLevel)
            while try statement.step() {
                if pattern.matchesScanned(statement.text(1)) { counts[statement.text(0), default: 0] += 1 }
            }
            return counts
        }
        try eachMatch(pattern, containers: containers, since: since, until: until, minLevel: minLevel, plan: plan) {
            counts[$0.service, default: 0] += 1
        }
        return counts
    }

    /// The matches in the order the chosen query gives them: each container's in time order.
    private func eachMatch(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64, minLevel: Level,
                           plan: Plan, _ body: (StoredRecord) -> Void) throws(StoreError) {
        let statement: SQLiteStatement
        let matches: (String) -> Bool
        if let match = pattern.ftsQuery, try usesIndex(pattern, plan: plan, containers: containers, since: since, until: until) {
            statement = try db.prepare(NamedQuery.sql("grep_fts"))
            try statement.bind(match, named: ":match")
            try Self.bindWindow(statement, containers: containers, since: since, until: until)
            try statement.bind(Int64(minLevel.rawValue), named: ":min_level")
            let check = pattern.needsCheck
            matches = { message in !check || pattern.matches(message) }
        } else {
            statement = try scanStatement(pattern, containers: containers, since: since, until: until, minLevel: minLevel)
            matches = { message in pattern.matchesScanned(message) }
        }
        while try statement.step() {
            let record = StoredRecord(statement)
            if matches(record.message) { body(record) }
        }
    }

    /// grep_scan over some containers: each one's records in time order, narrowed by SQLite to
    /// those holding the pattern's required substring.
    private func scanStatement(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64,
                               minLevel: Level) throws(StoreError) -> SQLiteStatement {
        let statement = try db.prepare(NamedQuery.sql("grep_scan"))
        try bindScan(statement, pattern, containers: containers, since: since, until: until, minLevel: minLevel)
        return statement
    }

    /// The parameters grep_scan and grep_count_scan share.
    private func bindScan(_ statement: SQLiteStatement, _ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64,
                          minLevel: Level) throws(StoreError) {
        let needle = pattern.requiredSubstring
        let caseless = pattern.substringIgnoresCase
        try statement.bind(caseless ? nil : needle.map(SubstringPattern.glob), named: ":glob")
        // LIKE folds ASCII only: a folded needle must be ASCII to be safe.
        try statement.bind(caseless ? needle.flatMap { $0.allSatisfy(\.isASCII) ? SubstringPattern.like($0) : nil } : nil, named: ":like")
        try Self.bindWindow(statement, containers: containers, since: since, until: until)
        try statement.bind(Int64(minLevel.rawValue), named: ":min_level")
    }

    func usesIndex(_ pattern: SearchPattern, plan: Plan, containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> Bool {
        guard let match = pattern.ftsQuery else { return false }
        switch plan {
        case .index: return true
        case .scan: return false
        case .automatic: break
        }
        if try indexMatches(match, upTo: Self.fewMatches) < Self.fewMatches { return true }
        let window = try windowSize(containers: containers, since: since, until: until)
        let limit = max(Self.fewMatches, min(window / Self.commonShare, Self.commonMatches))
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
