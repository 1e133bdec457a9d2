/// What a tail or a grep hands over, in time order: records, and the spans in which records may
/// be missing, placed where they start.
public enum LogEntry: Sendable, Equatable {
    /// A record; `matches` is false for a grep's context lines that do not match themselves.
    case record(StoredRecord, matches: Bool = true)
    case gap(CoverageGap)
    /// Between two blocks of a grep's context that do not touch (grep's `--`).
    case separator
}

/// Places the gaps among records as they are handed over: each gap before the first record after
/// its start, the rest at the end.
struct GapPlacer {
    private var pending: [CoverageGap]

    init(_ gaps: [CoverageGap]) {
        pending = gaps.sorted { $0.start < $1.start }
    }

    /// The gaps that start before `time`, each once.
    mutating func before(_ time: Int64) -> [CoverageGap] {
        let due = pending.prefix { $0.start < time }
        pending.removeFirst(due.count)
        return Array(due)
    }

    /// The gaps not handed over yet.
    mutating func rest() -> [CoverageGap] {
        defer { pending = [] }
        return pending
    }
}
