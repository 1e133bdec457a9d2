import ACLogModel

/// How `grepLines` makes a match's line, on the thread that read it.
public enum LineRendering: Sendable {
    /// `render` makes each record's line; nil leaves the record out.
    case records(@Sendable (StoredRecord) -> String?)
    /// Each line made from its row by a copy of `maker`, without making a record.
    case rows(any MatchLineMaker)
    /// Each record's line as the container printed it (`-o raw`), copied from the row as it lies,
    /// without making a record: for a word on half of 10M records, the records cost more than
    /// finding them.
    case printed
}

/// Makes a match's line straight from its row, without making a record: what `grepLines` asks of
/// a format that prints few of a record's columns. Each reading thread works on a copy of its own,
/// so a maker may keep what it has worked out (a second's time, a service's column) as it goes.
public protocol MatchLineMaker: Sendable {
    /// Appends the line of `row`, without its newline.
    mutating func append(_ row: MatchedRow, to line: inout [UInt8])
}

/// A match as read, valid only inside `MatchLineMaker.append`.
public struct MatchedRow {
    public let time: Int64
    public let level: Level
    /// The container's row in the database, and its service.
    public let container: Int64
    public let service: String
    /// The message's UTF-8 as SQLite holds it.
    public let message: UnsafeRawBufferPointer
}
