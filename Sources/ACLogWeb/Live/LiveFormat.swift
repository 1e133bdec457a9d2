import ACLogQuery

/// How a live stream writes entries: one entry's text (a row of the logs page, a `-o json` line).
/// Viewers whose formats share a `key` get the same text for the same entry, so the hub makes
/// it once per tick for all of them.
struct LiveFormat: Sendable {
    /// The same for two formats only when they render every entry alike.
    let key: String
    /// The event name of the stream's messages (nil: the default `message`).
    let event: String?
    /// An entry's text; nil for an entry this format leaves out.
    let render: @Sendable (LogEntry) -> String?

    /// The message carrying these entries; nil when none has text.
    func message(_ entries: [LogEntry]) -> EventStreamMessage? {
        var encoded = EncodedEntries(entries)
        return encoded.message(Array(entries.indices), as: self)
    }
}

/// One tick's entries, each made into `data:` lines at most once per format key however many
/// viewers it goes to; viewers that see the same entries alike share one message.
struct EncodedEntries {
    let entries: [LogEntry]
    private var lines: [String: [Int: String?]] = [:]
    private var messages: [Shown: EventStreamMessage?] = [:]

    private struct Shown: Hashable {
        var format: String
        var indices: [Int]
    }

    init(_ entries: [LogEntry]) {
        self.entries = entries
    }

    /// The message of the entries at these indices in this format; nil when none has text.
    mutating func message(_ indices: [Int], as format: LiveFormat) -> EventStreamMessage? {
        let shown = Shown(format: format.key, indices: indices)
        if let made = messages[shown] { return made }
        let message = encode(indices, as: format)
        messages[shown] = .some(message)
        return message
    }

    private mutating func encode(_ indices: [Int], as format: LiveFormat) -> EventStreamMessage? {
        var text = ""
        for index in indices {
            let entryLines: String?
            if let made = lines[format.key]?[index] {
                entryLines = made
            } else {
                entryLines = format.render(entries[index]).map(EventStreamMessage.dataLines)
                lines[format.key, default: [:]][index] = .some(entryLines)
            }
            if let entryLines { text += entryLines }
        }
        return text.isEmpty ? nil : EventStreamMessage(event: format.event, dataLines: text)
    }
}
