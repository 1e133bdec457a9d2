/// One parsed log record, ready to be stored.
public struct LogRecord: Sendable, Equatable {
    /// Nanoseconds since the epoch, UTC: the Docker timestamp.
    public var time: Int64
    public var stream: LogStream
    public var level: Level
    /// The text without ANSI codes and carriage returns.
    public var message: String
    /// The line as printed, when it differs from `message`.
    public var raw: String?
    /// What the line carries beside its message (`http.status`, `pid`, ...), as a JSON object text.
    public var fields: String?
    /// The HTTP status among the fields, kept apart so the writer can count requests cheaply.
    public var httpStatus: Int?

    public init(time: Int64, stream: LogStream, level: Level, message: String, raw: String? = nil, fields: String? = nil, httpStatus: Int? = nil) {
        self.time = time
        self.stream = stream
        self.level = level
        self.message = message
        self.raw = raw
        self.fields = fields
        self.httpStatus = httpStatus
    }
}
