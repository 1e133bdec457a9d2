import ACLogModel
import ACLogSQLite

/// A span's matches as text, rendered on the thread that read them: the lines one after another,
/// and each line's time, id and end in `bytes`.
struct RenderedSpan: Sendable {
    var bytes: [UInt8] = []
    var times: [Int64] = []
    var ids: [Int64] = []
    var ends: [Int] = []

    init() {}

    mutating func append(_ line: String, time: Int64, id: Int64) {
        var line = line
        line.withUTF8 { append(bytes: UnsafeRawBufferPointer($0), time: time, id: id) }
    }

    /// A line given as its bytes, without its newline.
    mutating func append(bytes line: UnsafeRawBufferPointer, time: Int64, id: Int64) {
        appendLine(time: time, id: id) { $0.append(contentsOf: line) }
    }

    /// A line that `make` appends to the bytes, without its newline.
    mutating func appendLine(time: Int64, id: Int64, _ make: (inout [UInt8]) -> Void) {
        make(&bytes)
        bytes.append(UInt8(ascii: "\n"))
        times.append(time)
        ids.append(id)
        ends.append(bytes.count)
    }

    /// The lines of a span's matches, read from grep_rows.sql (grep_printed_lines.sql or
    /// grep_printed_span.sql for `.printed`), into the storage of `reusing` when given.
    init(reading statement: SQLiteStatement, labels: [Int64: StoredRecord.ContainerLabel],
         as lines: LineRendering, reusing spare: consuming RenderedSpan? = nil) throws(StoreError) {
        self = (consume spare) ?? RenderedSpan()
        switch lines {
        case .records(let render):
            while try statement.step() {
                let record = StoredRecord(rowOf: statement, labels: labels)
                if let line = render(record) { append(line, time: record.time, id: record.id) }
            }
        case .rows(let template):
            var maker = template
            while try statement.step() {
                let container = statement.int64(2)
                let (time, level) = (statement.int64(1), Level(rawValue: Int(statement.int64(4))) ?? .unknown)
                statement.withBytes(5) { message in
                    appendLine(time: time, id: statement.int64(0)) { line in
                        maker.append(MatchedRow(time: time, level: level, container: container,
                                                service: labels[container]?.service ?? "", message: message), to: &line)
                    }
                }
            }
        case .printed:
            // The lines come in one step: aclog_print_matches appends them to this span.
            try withUnsafeMutablePointer(to: &self) { sink throws(StoreError) in
                try statement.bind(pointer: sink, type: PrintedMatchesFunction.pointerType, named: ":sink")
                _ = try statement.step()
            }
        }
    }

    var count: Int { times.count }

    /// No lines, the storage kept.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        times.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    func isInOrder() -> Bool {
        zip(times.indices, times.indices.dropFirst()).allSatisfy { (times[$0], ids[$0]) < (times[$1], ids[$1]) }
    }
}

/// Lines that follow one another in a span's text, handed over at once: each one's time, and their
/// text with its newlines. Valid only while handed over.
struct LineRun {
    let times: ArraySlice<Int64>
    /// Where each line ends in `text`, which begins with the first.
    let ends: ArraySlice<Int>
    let text: UnsafeRawBufferPointer

    /// The text of the lines at `range` (indices of `times`), one block.
    func lines(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        let from = range.lowerBound == times.startIndex ? 0 : ends[range.lowerBound - 1]
        return UnsafeRawBufferPointer(rebasing: text[from..<ends[range.upperBound - 1]])
    }
}

/// Rendered lines put in time order as `RowOrderScan` puts records, with its bounds: a span's lines
/// are held until no later span can hold an earlier one. A span in time order that follows nothing
/// held is handed over where it lies, without a copy, as one run of lines.
struct LineOrder {
    private var scan: RowOrderScan
    private var held = HeldInTimeOrder<[UInt8]>()

    init(_ scan: RowOrderScan) {
        self.scan = scan
    }

    /// Takes the next span's lines and hands over every line due, in runs.
    mutating func add(_ span: RenderedSpan, _ emit: (LineRun) throws -> Void) throws {
        let bound = scan.nextBound()
        var next = 0
        try span.bytes.withUnsafeBytes { all in
            if held.isEmpty && span.isInOrder() {
                while next < span.count && span.times[next] <= bound { next += 1 }
                if next > 0 { try emit(LineRun(times: span.times[..<next], ends: span.ends[..<next], text: all)) }
            }
            for i in next..<span.count {
                held.add(Array(all[(i == 0 ? 0 : span.ends[i - 1])..<span.ends[i]]), time: span.times[i], id: span.ids[i])
            }
        }
        try held.release(through: bound) { time, line in
            try line.withUnsafeBytes { try emit(LineRun(times: [time][...], ends: [line.count][...], text: $0)) }
        }
    }
}
