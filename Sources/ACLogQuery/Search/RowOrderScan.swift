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
    let floors: [Int64]
    private var held = HeldRecords()
    private var read = 0

    /// Takes the records of the next span in row order and hands over, in time order (time, then
    /// id), every record held that no later span can precede; all of them after the last span.
    mutating func add(_ records: [StoredRecord], _ body: (StoredRecord) throws -> Void) throws {
        read += 1
        try held.take(records, releasingThrough: read < floors.count ? floors[read] : .max, body)
    }
}

/// Matches read but not yet handed over, sorted only when they came out of order.
private struct HeldRecords {
    private var records: [StoredRecord] = []
    private var inOrder = true

    /// Takes a span's records and hands over every record held at or before `bound`. A span in
    /// time order that follows nothing held goes straight through, without being copied.
    mutating func take(_ span: [StoredRecord], releasingThrough bound: Int64, _ body: (StoredRecord) throws -> Void) throws {
        if records.isEmpty && zip(span, span.dropFirst()).allSatisfy({ ($0.time, $0.id) < ($1.time, $1.id) }) {
            var next = span.startIndex
            while next < span.endIndex && span[next].time <= bound {
                try body(span[next])
                next += 1
            }
            records.append(contentsOf: span[next...])
            return
        }
        for record in span { add(record) }
        try release(through: bound, body)
    }

    private mutating func add(_ record: StoredRecord) {
        if let last = records.last, (record.time, record.id) < (last.time, last.id) { inOrder = false }
        records.append(record)
    }

    /// Hands over, in order, every held record whose time is at or before `bound`.
    mutating func release(through bound: Int64, _ body: (StoredRecord) throws -> Void) throws {
        guard !records.isEmpty else { return }
        if !inOrder {
            records.sort { ($0.time, $0.id) < ($1.time, $1.id) }
            inOrder = true
        }
        var count = 0
        while count < records.count && records[count].time <= bound {
            try body(records[count])
            count += 1
        }
        if count == records.count {
            records.removeAll(keepingCapacity: true)
        } else if count > 0 {
            records.removeFirst(count)
        }
    }
}
