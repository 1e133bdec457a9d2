import ACLogModel
import ACLogSQLite

/// `aclog grep`: the records that match a pattern, with context.
public struct GrepQuestion: Sendable {
    public var pattern: SearchPattern
    public var scope: RecordScope
    /// Records of context (before, after) each match, from the same container and stream.
    public var context: (before: Int, after: Int)
    /// Stop after this many matches (grep's `-m`); nil: all.
    public var maxMatches: Int?

    public init(_ pattern: SearchPattern, in scope: RecordScope, context: (before: Int, after: Int) = (0, 0), maxMatches: Int? = nil) {
        self.pattern = pattern
        self.scope = scope
        self.context = context
        self.maxMatches = maxMatches
    }
}

/// Thrown to end a search that has found what `maxMatches` asked for.
private struct EnoughMatches: Error {}

extension ReadOnlyDatabase {
    /// The matches in time order, each with its context (a record shown once however many
    /// matches it is context of; `.separator` between blocks that do not touch), and the coverage
    /// gaps from `since` (or the first match) to `until` (or now) where they fall. Returns whether
    /// anything matched; with no match, nothing is handed over.
    @discardableResult
    public func grep(_ question: GrepQuestion, now: Int64 = Timestamp.now(), _ each: (LogEntry) throws -> Void) throws -> Bool {
        let containers = try containers(for: question.scope.services)
        let window = question.scope.window
        let (before, after) = question.context
        let withContext = before > 0 || after > 0
        // Only context can show a record twice; without it nothing is remembered.
        var shown = Set<Int64>()
        var placer: GapPlacer?
        func show(_ match: StoredRecord) throws {
            if withContext && shown.contains(match.id) { return }
            if placer == nil { placer = try gapPlacer(containers: containers, window: window, firstMatch: match.time, now: now) }
            for gap in placer?.before(match.time) ?? [] { try each(.gap(gap)) }
            guard withContext else { return try each(.record(match, matches: true)) }
            var block = [match]
            if withContext {
                // One record more before it tells whether this block joins the one shown before.
                let preceding = try context(of: match, count: before + 1, after: false)
                if !shown.isEmpty && !preceding.contains(where: { shown.contains($0.id) }) { try each(.separator) }
                block = Array(preceding.suffix(before)) + block + (try context(of: match, count: after, after: true))
            }
            for record in block where !shown.contains(record.id) {
                if withContext { shown.insert(record.id) }
                try each(.record(record, matches: record.id == match.id || question.pattern.matches(record.message)))
            }
        }
        var matches = 0
        do {
            try forEachMatch(question.pattern, containers: containers, since: window.from, until: window.to,
                             minLevel: question.scope.minLevel) { (match) throws in
                if let limit = question.maxMatches, matches >= limit { throw EnoughMatches() }
                matches += 1
                try show(match)
            }
        } catch is EnoughMatches {}
        guard var placer else { return false }
        for gap in placer.rest() { try each(.gap(gap)) }
        return true
    }

    /// The coverage gaps a grep shows among its matches: from `since` (or its first match) to
    /// `until` (or now).
    func gapPlacer(containers: [Int64], window: TimeWindow, firstMatch: Int64, now: Int64) throws(StoreError) -> GapPlacer {
        GapPlacer(try coverageGaps(containers: containers, since: window.since ?? firstMatch, until: window.until ?? now, now: now))
    }

    /// How many records match, per service asked about (0 for one without a match), in the order
    /// of the services' names.
    public func grepCounts(_ question: GrepQuestion) throws -> [(service: String, records: Int)] {
        let scope = question.scope
        let containers = try containers(for: scope.services)
        let counts = try countMatches(question.pattern, containers: containers,
                                      since: scope.window.from, until: scope.window.to, minLevel: scope.minLevel)
        return try services(of: containers).map { ($0, counts[$0] ?? 0) }
    }

    /// The services of some container rows, in the order of their names.
    public func services(of containers: [Int64]) throws(StoreError) -> [String] {
        let s = try db.prepare(NamedQuery.sql("services_of"))
        try s.bind(Self.jsonArray(containers), named: ":containers")
        var services: [String] = []
        while try s.step() { services.append(s.text(0)) }
        return services
    }
}
