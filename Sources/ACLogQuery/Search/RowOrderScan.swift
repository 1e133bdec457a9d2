import ACLogModel
import ACLogSQLite

/// Reads a window's records in the table's row order and hands them over in time order. Rows are
/// stored about as they happen, not exactly (a slow pipe, a traceback held open, a backfill), so
/// the matches of each span are held until no later span can hold an earlier record: the least
/// time of the spans still to come. Reading the table as it lies took 1.7 s over 10M records where
/// walking records_container_ts in time order and looking each row up took 4.9 s.
struct RowOrderScan {
    /// Past this many records held at once (counted from the spans, as if every record matched),
    /// the spans are too far out of order and the window is read container by container instead.
    static let heldRecords: Int64 = 100_000

    /// nil when reading these spans in row order would hold more than `holding` records.
    init?(_ spans: [RecordSpan], holding limit: Int64 = heldRecords) {
        var floors = spans.map(\.minTime)
        for k in floors.indices.reversed().dropFirst() { floors[k] = min(floors[k], floors[k + 1]) }
        // Spans read before span k whose records may be newer than floors[k] are still held then.
        var open: [RecordSpan] = []
        for (k, span) in spans.enumerated() {
            open.removeAll { $0.maxTime <= floors[k] }
            if open.reduce(span.records, { $0 + $1.records }) > limit { return nil }
            open.append(span)
        }
        self.spans = spans
        self.floors = floors
    }

    /// The spans to read, in row order.
    let spans: [RecordSpan]
    /// floors[k]: no record of span k or after it is older.
    private let floors: [Int64]
    private var held = HeldInTimeOrder<StoredRecord>()
    private var read = 0

    /// Counts the next span as read and says up to when what is held can go: no span still to
    /// come holds an older record (after the last span, everything).
    mutating func nextBound() -> Int64 {
        read += 1
        return read < floors.count ? floors[read] : .max
    }

    /// Takes the records of the next span in row order and hands over, in time order (time, then
    /// id), every record held that no later span can precede. A span in time order that follows
    /// nothing held goes straight through, without being copied.
    mutating func add(_ records: [StoredRecord], _ body: (StoredRecord) throws -> Void) throws {
        let bound = nextBound()
        var next = 0
        if held.isEmpty && zip(records, records.dropFirst()).allSatisfy({ ($0.time, $0.id) < ($1.time, $1.id) }) {
            while next < records.count && records[next].time <= bound {
                try body(records[next])
                next += 1
            }
        }
        for record in records[next...] { held.add(record, time: record.time, id: record.id) }
        try held.release(through: bound) { _, record in try body(record) }
    }
}

/// What a row-order reading read but has not handed over yet (records, or their rendered lines),
/// by time and id; sorted only when they came out of order.
struct HeldInTimeOrder<Item> {
    private var items: [(time: Int64, id: Int64, item: Item)] = []
    private var inOrder = true

    var isEmpty: Bool { items.isEmpty }

    mutating func add(_ item: Item, time: Int64, id: Int64) {
        if let last = items.last, (time, id) < (last.time, last.id) { inOrder = false }
        items.append((time, id, item))
    }

    /// Hands over, in order, every held item whose time is at or before `bound`.
    mutating func release(through bound: Int64, _ body: (Int64, Item) throws -> Void) throws {
        guard !items.isEmpty else { return }
        if !inOrder {
            items.sort { ($0.time, $0.id) < ($1.time, $1.id) }
            inOrder = true
        }
        var count = 0
        while count < items.count && items[count].time <= bound {
            try body(items[count].time, items[count].item)
            count += 1
        }
        if count == items.count {
            items.removeAll(keepingCapacity: true)
        } else if count > 0 {
            items.removeFirst(count)
        }
    }
}
