import ACLogModel
import ACLogQuery
import ACLogRender

/// A tail's or a grep's entry as a row of the logs page: a record (its matches marked, its colours
/// kept, a multi-line record folded under its first line), a gap, a container's event, the
/// collector stopping or running again, a break between blocks of context. The live stream sends
/// the same rows.
struct EntryHTML: Sendable {
    var utc: Bool
    /// Marked in the records that match.
    var highlight: SearchPattern?

    /// The same for two renderers only when they render every entry alike.
    var key: String { "utc=\(utc) highlight=\(highlight?.identity ?? "none")" }

    func row(_ entry: LogEntry) -> String {
        switch entry {
        case .record(let record, let matches):
            return row(record, marked: matches ? highlight : nil, context: !matches)
        case .gap(let gap):
            return "<div class=\"gap\" data-t=\"\(gap.start)\">no records\(GapLine.scope(gap).htmlEscaped) "
                + "\(DurationText.span(from: gap.start, to: gap.end, utc: utc).htmlEscaped): \(gap.reason.htmlEscaped)</div>"
        case .event(let event):
            return "<div class=\"event\" data-t=\"\(event.time)\" data-event=\"\(event.id)\">" + time(event.time)
                + " " + service(event.service) + " <span class=\"lv\">event</span> <span class=\"msg\">"
                + "\(event.summary.htmlEscaped) (\(event.container.htmlEscaped))</span></div>"
        case .collector(let change):
            let text = change.running ? "the collector runs again (pid \(change.pid.map(String.init) ?? "?"))"
                : "the collector stopped: no new records until it runs again"
            return "<div class=\"gap\" data-t=\"\(change.time)\">" + time(change.time) + " \(text.htmlEscaped)</div>"
        case .separator:
            return "<hr class=\"sep\">"
        }
    }

    func row(_ r: StoredRecord, marked: SearchPattern?, context: Bool) -> String {
        var classes = "rec lv-\(r.level.name)"
        if r.stream == .stderr { classes += " stderr" }
        if context { classes += " ctx" }
        if marked != nil { classes += " hit" }
        return "<div class=\"\(classes)\" data-id=\"\(r.id)\" data-t=\"\(r.time)\">" + time(r.time) + " " + service(r.service)
            + " <span class=\"lv\">\(r.level == .unknown ? "" : r.level.name)</span> " + message(r, marked: marked) + "</div>"
    }

    /// The message: with a pattern, its matches marked (no colours); else the line as printed, in
    /// its colours when it had some. A record of several lines folds under its first.
    func message(_ r: StoredRecord, marked: SearchPattern?) -> String {
        let html: String
        if let marked {
            html = Self.marking(r.message, marked)
        } else if let raw = r.raw, raw.unicodeScalars.contains("\u{1B}") {
            html = ANSIText.html(raw)
        } else {
            html = ANSIText.html(r.message)
        }
        guard let newline = html.firstIndex(of: "\n") else { return "<span class=\"msg\">\(html)</span>" }
        // Spans of colour are closed within a line, so the fold never splits a tag.
        let first = html[..<newline], rest = html[html.index(after: newline)...]
        let count = rest.split(separator: "\n", omittingEmptySubsequences: false).count
        return "<details class=\"msg\" open><summary>\(first)<span class=\"more\"> (\(count + 1) lines)</span></summary>"
            + "<pre>\(rest)</pre></details>"
    }

    /// The text with each match of the pattern in `<mark>`.
    static func marking(_ text: String, _ pattern: SearchPattern) -> String {
        var out = ""
        var cursor = text.startIndex
        for range in pattern.ranges(in: text) where range.lowerBound >= cursor {
            out += ANSIText.html(String(text[cursor..<range.lowerBound])) + "<mark>" + ANSIText.html(String(text[range])) + "</mark>"
            cursor = range.upperBound
        }
        return out + ANSIText.html(String(text[cursor...]))
    }

    func time(_ t: Int64) -> String {
        let display = Timestamp.display(t, utc: utc)
        // The row's data-t holds the time to the nanosecond; the title shows the date.
        return "<time title=\"\(display)\">\(display.dropFirst(11))</time>"
    }

    func service(_ name: String) -> String {
        "<a class=\"svc c\(LevelColour.serviceIndex(name))\" href=\"/logs?service=\(URLText.component(name))\">\(name.htmlEscaped)</a>"
    }
}
