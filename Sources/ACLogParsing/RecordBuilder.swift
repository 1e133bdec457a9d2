import ACLogModel

/// Turns one container's raw lines into records: cleans the text, masks secrets, then asks its
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
    public func record(time: Int64, stream: LogStream, text: String) -> LogRecord {
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
        for format in formats {
            if let result = format.parse(message) {
                parsed = result
                break
            }
        }
        return LogRecord(
            time: time, stream: stream, level: parsed.level, message: message,
            raw: raw, fields: parsed.fields
        )
    }
}
