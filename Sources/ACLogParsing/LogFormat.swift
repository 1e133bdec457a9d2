import ACLogModel

/// What a format parser understood of one line.
public struct ParsedLine: Sendable, Equatable {
    public var level: Level
    /// `http.status`, `pid`, ... as a JSON object text, or nil.
    public var fields: String?

    public init(level: Level, fields: String? = nil) {
        self.level = level
        self.fields = fields
    }
}

/// A log format: recognises lines of one kind and takes them apart.
///
/// This is the seam where format parsers plug in (MySQL, Redis, uvicorn, loguru, nginx, ...). A
/// parser returns nil for a line it does not recognise, so the next one in the chain can try;
/// `GenericFormat` is last and accepts everything.
public protocol LogFormat: Sendable {
    /// A short name users can put in configuration (`mysql`, `loguru`, `plain`).
    var name: String { get }
    func parse(_ message: String) -> ParsedLine?
}

/// The fallback for any line: the level from `LevelDetector`, no fields.
public struct GenericFormat: LogFormat {
    public let name = "generic"
    public init() {}

    public func parse(_ message: String) -> ParsedLine? {
        ParsedLine(level: LevelDetector.detect(message))
    }
}
