import ACLogSQLite

/// A run of consecutive record ids and the times its records lie between (`record_spans`,
/// migration 15, kept by the writer).
struct RecordSpan: Equatable {
    var firstID: Int64
    var lastID: Int64
    var minTime: Int64
    var maxTime: Int64
    var records: Int64
}

extension ReadOnlyDatabase {
    /// The spans that may hold records of a time range, in row order. Records below or above
    /// every span (written by another program than aclog) make a span of their own, of any time.
    func recordSpans(since: Int64, until: Int64) throws(StoreError) -> [RecordSpan] {
        let s = try db.prepare(NamedQuery.sql("record_spans"))
        try s.bind(since, named: ":since")
        try s.bind(until, named: ":until")
        var spans: [RecordSpan] = []
        while try s.step() {
            spans.append(RecordSpan(firstID: s.int64(0), lastID: s.int64(1), minTime: s.int64(2), maxTime: s.int64(3), records: s.int64(4)))
        }
        let ends = try db.prepare(NamedQuery.sql("record_span_ends"))
        guard try ends.step(), !ends.isNull(0) else { return spans }
        let (lowest, highest) = (ends.int64(0), ends.int64(1))
        let covered = ends.isNull(2) ? nil : (ends.int64(2), ends.int64(3))
        func unknown(_ first: Int64, _ last: Int64) -> RecordSpan {
            RecordSpan(firstID: first, lastID: last, minTime: .min, maxTime: .max, records: last - first + 1)
        }
        guard let (first, last) = covered else { return [unknown(lowest, highest)] }
        if lowest < first { spans.insert(unknown(lowest, first - 1), at: 0) }
        if highest > last { spans.append(unknown(last + 1, highest)) }
        return spans
    }
}
