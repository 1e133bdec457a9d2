import ACLogModel

/// Turns one container's raw lines into records: cleans the text, then asks its formats.
public struct RecordBuilder: Sendable {
    let formats: [any LogFormat]

    public init(formats: [any LogFormat]) {
        self.formats = formats.isEmpty ? [GenericFormat()] : formats
    }

    public init(container: ContainerInfo, chooser: FormatChooser = FormatChooser()) {
        self.init(formats: chooser.formats(for: container))
    }

    /// `text` is the line as printed, `time` its Docker timestamp.
    public func record(time: Int64, stream: LogStream, text: String) -> LogRecord {
        let cleaned = LineCleaner.clean(text)
        let message = cleaned ?? text
        var parsed = ParsedLine(level: .unknown)
        for format in formats {
            if let result = format.parse(message) {
                parsed = result
                break
            }
        }
        return LogRecord(
            time: time, stream: stream, level: parsed.level, message: message,
            raw: cleaned == nil ? nil : text, fields: parsed.fields
        )
    }
}
