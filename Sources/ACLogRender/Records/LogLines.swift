import ACLogModel
import ACLogQuery

/// What `tail` and `grep` print for each entry of their answer: a record in the chosen format (its
/// matches highlighted on a terminal), a gap marker, a container's event, the collector stopping
/// or running again (none of those in the raw format: it is the lines as printed), grep's `--`
/// between blocks of context.
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

    /// How `grepLines` makes these lines where it reads the matches: copied or made from the row
    /// where the format allows it, else from each record.
    public var grepRendering: LineRendering {
        switch format {
        case .raw: .printed
        case .short where !style.colour: .rows(ShortLines(style))
        default: .records { line(.record($0, matches: true)) }
        }
    }

    /// The line of an entry; nil when this format shows nothing for it.
    public func line(_ entry: LogEntry) -> String? {
        switch entry {
        case .record(let record, let matches):
            // Tested first: binding the pattern retains it, which costs when two threads render.
            if style.colour, format == .short, matches, let highlight {
                var marked = record
                marked.message = Self.highlight(record.message, highlight)
                return format.render(marked, style: style)
            }
            return format.render(record, style: style)
        case .gap(let gap):
            return format == .raw ? nil : GapLine(json: format == .json, utc: style.utc, colour: style.colour).line(gap)
        case .event(let event):
            switch format {
            case .short: return style.render(event)
            case .json: return EventJSON.object(event)
            case .raw: return nil
            }
        case .collector(let change):
            switch format {
            case .short:
                let time = Timestamp.display(change.time, utc: style.utc).prefix(19)
                let text = change.running ? "-- the collector runs again (pid \(change.pid.map(String.init) ?? "?")) at \(time) --"
                    : "-- the collector stopped at \(time): no new records until it runs again --"
                return style.colour ? LevelColour.dim + text + LevelColour.reset : text
            case .json:
                return "{\"type\":\"collector\",\"running\":\(change.running),\"time\":\"\(Timestamp.rfc3339(change.time))\","
                    + "\"pid\":\(change.pid.map(String.init) ?? "null")}"
            case .raw: return nil
            }
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

/// A container event in `-o json`: `{"type":"event","time":…,"service":…,"container":…,"action":"die","exit_code":1,…}`.
enum EventJSON {
    static func object(_ e: StoredEvent) -> String {
        "{\"type\":\"event\",\"time\":\"\(Timestamp.rfc3339(e.time))\",\"service\":\(JSONString.quoted(e.service)),"
            + "\"container\":\(JSONString.quoted(e.container)),\"action\":\(JSONString.quoted(e.action)),"
            + "\"exit_code\":\(e.exitCode.map(String.init) ?? "null"),\"detail\":\(e.detail.map(JSONString.quoted) ?? "null"),"
            + "\"summary\":\(JSONString.quoted(e.summary))}"
    }
}
