import ACLogModel

/// What a format parser understood of one line.
public struct ParsedLine: Sendable, Equatable {
    public var level: Level
    public var fields: Fields
    /// False for a line that continues the record before it (a traceback frame, a stack line).
    public var startsRecord: Bool
    /// True when the lines that follow belong to this record even if they do not look indented
    /// (`Exception in ASGI application`, a message ending in `Traceback (most recent call last):`).
    public var announcesBlock: Bool

    public init(level: Level, fields: Fields = Fields(), startsRecord: Bool = true, announcesBlock: Bool = false) {
        self.level = level
        self.fields = fields
        self.startsRecord = startsRecord
        self.announcesBlock = announcesBlock
    }
}

/// A log format: recognises the header lines of one kind of log and takes them apart.
///
/// A parser returns nil for a line it does not recognise, so the next one in the container's chain
/// can try; `GenericFormat` is last and accepts everything.
public protocol LogFormat: Sendable {
    /// The name users put in configuration (`mysql`, `loguru`, `plain`).
    var name: String { get }
    /// The bytes its lines can start with; `FirstBytes.any` unless the format says less.
    var firstBytes: FirstBytes { get }
    func parse(_ line: LineBytes) -> ParsedLine?
}

extension LogFormat {
    public var firstBytes: FirstBytes { .any }
}

/// The fallback for any line: the level from `LevelDetector`, no fields; a line shaped like a
/// traceback or stack-trace body continues the record before it.
public struct GenericFormat: LogFormat {
    public let name = "generic"
    public init() {}

    public func parse(_ line: LineBytes) -> ParsedLine? {
        let message = line.text
        if ContinuationShape.continues(message) {
            return ParsedLine(level: .unknown, startsRecord: false)
        }
        return ParsedLine(level: LevelDetector.detect(message), announcesBlock: ContinuationShape.announcesBlock(line))
    }
}
