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
    /// The number of the format that read the record's first line (`FormatCatalog` in
    /// ACLogParsing), which reads its fields again from the message when they are asked for; nil
    /// when `fields` holds them all.
    public var format: Int?
    /// What the record carries beside its message that its format cannot read again (a multi-line
    /// record's `record.*` marks), or, without a format, all of it (`http.status`, `pid`, ...), as a
    /// JSON object text.
    public var fields: String?
    /// The HTTP status among the fields, kept apart so the writer can count requests cheaply; nil
    /// also for the second log line of a request already counted (`RequestPairing`).
    public var httpStatus: Int?
    /// The request the record logs, if it logs one (not stored: for pairing the two lines of one
    /// request).
    public var request: RequestIdentity?

    public init(time: Int64, stream: LogStream, level: Level, message: String, raw: String? = nil, format: Int? = nil, fields: String? = nil,
                httpStatus: Int? = nil, request: RequestIdentity? = nil) {
        self.time = time
        self.stream = stream
        self.level = level
        self.message = message
        self.raw = raw
        self.format = format
        self.fields = fields
        self.httpStatus = httpStatus
        self.request = request
    }
}
