import ACLogModel
import ACLogSQLite

/// `aclog grep`: the records that match a pattern, with context.
public struct GrepQuestion: Sendable {
    public var pattern: SearchPattern
    /// Services, container names or id prefixes; none: all.
    public var services: [String] = []
    public var window = TimeWindow()
    public var minLevel: Level = .unknown
    /// Records of context before and after each match, from the same container and stream.
    public var before = 0
    public var after = 0

    public init(pattern: SearchPattern, services: [String] = [], window: TimeWindow = TimeWindow(),
                minLevel: Level = .unknown, before: Int = 0, after: Int = 0) {
        self.pattern = pattern
        self.services = services
        self.window = window
        self.minLevel = minLevel
        self.before = before
        self.after = after
    }
}

extension ReadOnlyDatabase {
    /// The matches in time order, each with its context (a record shown once however many
    /// matches it is context of; `.separator` between blocks that do not touch), and the coverage
    /// gaps from `since` (or the first match) to `until` (or now) where they fall. Returns whether
    /// anything matched; with no match, nothing is handed over.
    @discardableResult
    public func grep(_ question: GrepQuestion, now: Int64 = Timestamp.now(), _ each: (LogEntry) throws -> Void) throws -> Bool {
        let containers = try containers(for: question.services)
        let window = question.window
        let withContext = question.before > 0 || question.after > 0
        // Only context can show a record twice; without it nothing is remembered.
        var shown = Set<Int64>()
        var placer: GapPlacer?
        try forEachMatch(question.pattern, containers: containers, since: window.from, until: window.to,
                         minLevel: question.minLevel) { (match) throws in
            if shown.contains(match.id) { return }
            if placer == nil {
                placer = GapPlacer(try coverageGaps(containers: containers, since: window.since ?? match.time,
                                                    until: window.until ?? now, now: now))
            }
            for gap in placer?.before(match.time) ?? [] { try each(.gap(gap)) }
            var block = [match]
            if withContext {
                // One record more before it tells whether this block joins the one shown before.
                let preceding = try context(of: match, count: question.before + 1, after: false)
                if !shown.isEmpty && !preceding.contains(where: { shown.contains($0.id) }) { try each(.separator) }
                block = Array(preceding.suffix(question.before)) + block + (try context(of: match, count: question.after, after: true))
            }
            for record in block where !shown.contains(record.id) {
                if withContext { shown.insert(record.id) }
                try each(.record(record, matches: record.id == match.id || question.pattern.matches(record.message)))
            }
        }
        guard var placer else { return false }
        for gap in placer.rest() { try each(.gap(gap)) }
        return true
    }

    /// How many records match, per service, in the order of the services' names.
    public func grepCounts(_ question: GrepQuestion) throws -> [(service: String, records: Int)] {
        let counts = try countMatches(question.pattern, containers: try containers(for: question.services),
                                      since: question.window.from, until: question.window.to, minLevel: question.minLevel)
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
