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
}

/// Turns one container's raw lines into cooked lines: cleans the text, masks secrets, then asks its
/// formats. Nothing leaves here with a secret in it.
public struct RecordBuilder: Sendable {
    let formats: [any LogFormat]
    let redactor: Redactor

    public init(formats: [any LogFormat], redactor: Redactor = Redactor()) {
        self.formats = formats.isEmpty ? [GenericFormat()] : formats
        self.redactor = redactor
    }

    public init(container: ContainerInfo, chooser: FormatChooser = FormatChooser(), redactor: Redactor = Redactor()) {
        self.init(formats: chooser.formats(for: container), redactor: redactor)
    }

    /// `text` is the line as printed, `time` its Docker timestamp.
    public func line(time: Int64, stream: LogStream, text: String) -> CookedLine {
        let cleaned = LineCleaner.clean(text)
        var message = cleaned ?? text
        var raw = cleaned == nil ? nil : text
        if let redacted = redactor.redact(message) {
            message = redacted.text
            raw = raw.map { redactor.redactRaw($0, knownSecrets: redacted.secrets) }
        } else if let line = raw {
            raw = redactor.redactRaw(line, knownSecrets: [])
        }
        var parsed = ParsedLine(level: .unknown)
        let bytes = LineBytes(message)
        for format in formats {
            if let result = format.parse(bytes) {
                parsed = result
                break
            }
        }
        return CookedLine(time: time, stream: stream, message: message, raw: raw, parsed: parsed)
    }

    /// A record of this one line alone.
    public func record(time: Int64, stream: LogStream, text: String) -> LogRecord {
        let cooked = line(time: time, stream: stream, text: text)
        var status: Int? = nil
        if case .int(let code)? = cooked.parsed.fields["http.status"] { status = code }
        return LogRecord(time: time, stream: stream, level: cooked.parsed.level, message: cooked.message,
                         raw: cooked.raw, fields: cooked.parsed.fields.json, httpStatus: status)
    }
}
