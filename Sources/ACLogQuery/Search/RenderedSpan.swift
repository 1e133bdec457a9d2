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

/// Rendered lines put in time order as `RowOrderScan` puts records: a span's lines are held until
/// no later span can hold an earlier one. A span in time order that follows nothing held is handed
/// over where it lies, without a copy.
struct LineOrder {
    private let floors: [Int64]
    private var read = 0
    private var held: [(time: Int64, id: Int64, line: [UInt8])] = []
    private var heldInOrder = true

    init(_ scan: RowOrderScan) {
        floors = scan.floors
    }

    /// Takes the next span's lines and hands over (time, line with its newline) every line due.
    mutating func add(_ span: RenderedSpan, _ emit: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        read += 1
        let bound = read < floors.count ? floors[read] : .max
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
                let line = Array(all[(i == 0 ? 0 : span.ends[i - 1])..<span.ends[i]])
                if let last = held.last, (span.times[i], span.ids[i]) < (last.time, last.id) { heldInOrder = false }
                held.append((span.times[i], span.ids[i], line))
            }
        }
        try release(through: bound, emit)
    }

    private mutating func release(through bound: Int64, _ emit: (Int64, UnsafeRawBufferPointer) throws -> Void) throws {
        guard !held.isEmpty else { return }
        if !heldInOrder {
            held.sort { ($0.time, $0.id) < ($1.time, $1.id) }
            heldInOrder = true
        }
        var count = 0
        while count < held.count && held[count].time <= bound {
            try held[count].line.withUnsafeBytes { try emit(held[count].time, $0) }
            count += 1
        }
        held.removeFirst(count)
    }
}
