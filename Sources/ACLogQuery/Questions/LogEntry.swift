/// What a tail or a grep hands over, in time order: records, the spans in which records may be
/// missing (placed where they start) and what happened to the containers.
public enum LogEntry: Sendable, Equatable {
    /// A record; `matches` is false for a grep's context lines that do not match themselves.
    case record(StoredRecord, matches: Bool = true)
    case gap(CoverageGap)
    /// A container started, exited, was OOM-killed, changed health.
    case event(StoredEvent)
    /// The collector stopped or runs again (`tail -f`): no new records come while it is stopped.
    case collector(CollectorChange)
    /// Between two blocks of a grep's context that do not touch (grep's `--`).
    case separator
}

/// The collector of a followed database stopped, or runs again.
public struct CollectorChange: Sendable, Equatable {
    public var running: Bool
    public var time: Int64
    /// The running collector's process, when it runs.
    public var pid: Int32?
}

/// Places items among records as they are handed over, in time order: each before the first
/// record after its time, the rest at the end.
struct TimePlacer<Item> {
    private var pending: [Item]
    private let time: (Item) -> Int64

    init(_ items: [Item], time: @escaping (Item) -> Int64) {
        self.time = time
        pending = items.sorted { time($0) < time($1) }
    }

    /// The items whose time is before `time`, each once.
    mutating func before(_ moment: Int64) -> [Item] {
        let due = pending.prefix { time($0) < moment }
        pending.removeFirst(due.count)
        return Array(due)
    }

    /// The time of the first item not handed over yet.
    var nextTime: Int64? { pending.first.map(time) }

    /// The items not handed over yet.
    mutating func rest() -> [Item] {
        defer { pending = [] }
        return pending
    }
}

typealias GapPlacer = TimePlacer<CoverageGap>

extension TimePlacer where Item == CoverageGap {
    init(_ gaps: [CoverageGap]) {
        self.init(gaps) { $0.start }
    }
}
