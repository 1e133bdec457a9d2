import ACLogModel

/// One line cleaned, with its secrets masked, and parsed by the container's formats.
public struct CookedLine: Sendable {
    public var time: Int64
    public var stream: LogStream
    /// Without ANSI codes and carriage returns, secrets masked.
    public var message: String
    /// As printed (secrets masked), when it differs from `message`.
    public var raw: String?
    public var parsed: ParsedLine
    /// The catalogue number of the format that parsed it (`FormatCatalog`).
    public var format: Int
}

/// Turns one container's raw lines into cooked lines: cleans the text, masks secrets, then asks its
/// formats. Nothing leaves here with a secret in it.
public struct RecordBuilder: Sendable {
    let formats: [any LogFormat]
    /// Each format's catalogue number, in the same order.
    let numbers: [Int]
    /// Each format's possible first bytes, in the same order.
    let starts: [FirstBytes]
    let redactor: Redactor

    public init(formats: [any LogFormat], redactor: Redactor = Redactor()) {
        self.formats = formats.isEmpty ? [GenericFormat()] : formats
        numbers = self.formats.map { FormatCatalog.number(of: $0.name) }
        starts = self.formats.map(\.firstBytes)
        self.redactor = redactor
    }

    public init(container: ContainerInfo, chooser: FormatChooser = FormatChooser(), redactor: Redactor = Redactor()) {
        self.init(formats: chooser.formats(for: container), redactor: redactor)
    }

    /// `text` is the line as printed, `time` its Docker timestamp; every format asked in turn.
    public func line(time: Int64, stream: LogStream, text: String) -> CookedLine {
        var settling = FormatSettling()
        return line(time: time, stream: stream, text: text, settling: &settling)
    }

    /// A line of a stream whose formats settle (`FormatSettling`): the collector's and import's way.
    public func line(time: Int64, stream: LogStream, text: String, settling: inout FormatSettling) -> CookedLine {
        let cleaned = LineCleaner.clean(text)
        var message = cleaned ?? text
        var raw = cleaned == nil ? nil : text
        if let redacted = redactor.redact(message) {
            message = redacted.text
            raw = raw.map { redactor.redactRaw($0, knownSecrets: redacted.secrets) }
        } else if let line = raw {
            raw = redactor.redactRaw(line, knownSecrets: [])
        }
        let (parsed, index) = parse(LineBytes(message), settling: &settling)
        return CookedLine(time: time, stream: stream, message: message, raw: raw, parsed: parsed,
                          format: numbers.indices.contains(index) ? numbers[index] : 0)
    }

    /// A record of this one line alone.
    public func record(time: Int64, stream: LogStream, text: String) -> LogRecord {
        let cooked = line(time: time, stream: stream, text: text)
        return LogRecord(time: time, stream: stream, level: cooked.parsed.level, message: cooked.message,
                         raw: cooked.raw, format: cooked.format, httpStatus: cooked.parsed.fields.httpStatus,
                         request: cooked.parsed.fields.request)
    }
}
