/// How lines are parsed: the formats tried per service or container name, in order; the redaction
/// rules; the multi-line limits. Read from the configuration file's `formats`, `redaction` and
/// `multiline` (`Configuration` in ACLogConfig).
public struct ParsingConfiguration: Sendable {
    public var chooser = FormatChooser()
    public var redactor = Redactor()
    public var multiline = MultilineAssembler.Options()

    public init() {}
}
