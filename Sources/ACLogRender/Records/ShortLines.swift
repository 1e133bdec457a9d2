import ACLogModel
import ACLogQuery

/// The `short` line without colour, as `ShortStyle.render` makes it, made from a match's row as
/// bytes where `grep` reads it (`aclog grep WORD` into a pipe or a file). Each second's time and
/// each container's service column are worked out once: formatting the time and padding the
/// service as Strings cost more than finding a word on half of 10M records.
struct ShortLines: MatchLineMaker {
    private let style: ShortStyle
    /// The second last formatted, and its text up to the milliseconds (`2026-11-28 07:00:00.`).
    private var second: Int64?
    private var secondText: [UInt8] = []
    /// Each container's service column with the space after it.
    private var columns: [Int64: [UInt8]] = [:]
    /// Each level's column with the space after it, by its raw value.
    private let levels: [[UInt8]]

    init(_ style: ShortStyle) {
        self.style = style
        levels = Level.allCases.map { Array((ShortStyle.levelColumn($0) + " ").utf8) }
    }

    mutating func append(_ row: MatchedRow, to line: inout [UInt8]) {
        let seconds = row.time.floorDiv(Timestamp.nanosPerSecond)
        if seconds != second {
            secondText = Array(Timestamp.display(seconds * Timestamp.nanosPerSecond, utc: style.utc).utf8.dropLast(3))
            second = seconds
        }
        line.append(contentsOf: secondText)
        let millis = Int((row.time - seconds * Timestamp.nanosPerSecond) / 1_000_000)
        line.append(UInt8(ascii: "0") + UInt8(millis / 100))
        line.append(UInt8(ascii: "0") + UInt8(millis / 10 % 10))
        line.append(UInt8(ascii: "0") + UInt8(millis % 10))
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: column(row))
        line.append(contentsOf: levels[row.level.rawValue])
        line.append(contentsOf: row.message)
    }

    /// The service column of the row's container with its space, worked out on its first row.
    private mutating func column(_ row: MatchedRow) -> [UInt8] {
        if let known = columns[row.container] { return known }
        let column = Array((style.column(row.service) + " ").utf8)
        columns[row.container] = column
        return column
    }
}
