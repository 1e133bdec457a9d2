/// A span's matches as text, rendered on the thread that read them: the lines one after another,
/// and each line's time, id and end in `bytes`.
struct RenderedSpan: Sendable {
    var bytes: [UInt8] = []
    var times: [Int64] = []
    var ids: [Int64] = []
    var ends: [Int] = []

    mutating func append(_ line: String, time: Int64, id: Int64) {
        bytes.append(contentsOf: line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        times.append(time)
        ids.append(id)
        ends.append(bytes.count)
    }

    var count: Int { times.count }

    func isInOrder() -> Bool {
        zip(times.indices, times.indices.dropFirst()).allSatisfy { (times[$0], ids[$0]) < (times[$1], ids[$1]) }
    }
}

/// Rendered lines put in time order as `RowOrderScan` puts records, with its bounds: a span's lines
/// are held until no later span can hold an earlier one. A span in time order that follows nothing
/// held is handed over where it lies, without a copy.
struct LineOrder {
    private var scan: RowOrderScan
    private var held = HeldInTimeOrder<[UInt8]>()

    init(_ scan: RowOrderScan) {
        self.scan = scan
    }

    /// Takes the next span's lines and hands over (time, line with its newline) every line due.
    mutating func add(_ span: RenderedSpan, _ emit: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        let bound = scan.nextBound()
        var next = 0
        try span.bytes.withUnsafeBytes { all in
            if held.isEmpty && span.isInOrder() {
                var start = 0
                while next < span.count && span.times[next] <= bound {
                    try emit(span.times[next], UnsafeRawBufferPointer(rebasing: all[start..<span.ends[next]]))
                    start = span.ends[next]
                    next += 1
                }
            }
            for i in next..<span.count {
                held.add(Array(all[(i == 0 ? 0 : span.ends[i - 1])..<span.ends[i]]), time: span.times[i], id: span.ids[i])
            }
        }
        try held.release(through: bound) { time, line in try line.withUnsafeBytes { try emit(time, $0) } }
    }
}
