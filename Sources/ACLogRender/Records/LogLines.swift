import ACLogModel
import ACLogQuery

/// What `tail` and `grep` print for each entry of their answer: a record in the chosen format (its
/// matches highlighted on a terminal), a gap marker (none in the raw format: it is the lines as
/// printed), grep's `--` between blocks of context.
public struct LogLines: Sendable {
    public let format: RecordFormat
    public let style: ShortStyle
    /// Shown in bold red in the short format with colour.
    public let highlight: SearchPattern?

    public init(format: RecordFormat, style: ShortStyle, highlight: SearchPattern? = nil) {
        self.format = format
        self.style = style
        self.highlight = highlight
    }

    /// The line of an entry; nil when this format shows nothing for it.
    public func line(_ entry: LogEntry) -> String? {
        switch entry {
        case .record(var record, let matches):
            if let highlight, matches, style.colour, format == .short {
                record.message = Self.highlight(record.message, highlight)
            }
            return format.render(record, style: style)
        case .gap(let gap):
            return format == .raw ? nil : GapLine(json: format == .json, utc: style.utc, colour: style.colour).line(gap)
        case .separator:
            return style.colour ? LevelColour.dim + "--" + LevelColour.reset : "--"
        }
    }

    static func highlight(_ message: String, _ pattern: SearchPattern) -> String {
        var result = ""
        var cursor = message.startIndex
        for range in pattern.ranges(in: message) {
            result += message[cursor..<range.lowerBound] + "\u{1B}[1;31m" + message[range] + "\u{1B}[0m"
            cursor = range.upperBound
        }
        return result + message[cursor...]
    }
}
