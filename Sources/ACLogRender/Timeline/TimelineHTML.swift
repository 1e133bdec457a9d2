import ACLogModel
import ACLogQuery

/// `aclog timeline -o html`: a page that stands alone (to attach to an incident), every text from
/// the logs escaped: containers write it, and a page must not run what they wrote.
public struct TimelineHTML {
    public var utc: Bool

    public init(utc: Bool) {
        self.utc = utc
    }

    public func render(_ entries: [TimelineEntry], window: (since: Int64, until: Int64), into out: inout some LineSink) {
        let time = { (t: Int64) in Timestamp.display(t, utc: utc).prefix(23).description }
        let title = "aclog timeline, \(time(window.since)) to \(time(window.until))"
        out.line("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.line("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        out.line("<title>\(title.htmlEscaped)</title><style>\(Self.style)</style></head><body>")
        out.line("<h1>\(title.htmlEscaped)</h1><p>\(entries.count) \(entries.count == 1 ? "entry" : "entries"); trouble is marked.</p>")
        out.line("<table><thead><tr><th>Time</th><th>Service</th><th>What</th></tr></thead><tbody>")
        for e in entries {
            var what = "<span class=\"kind\">\(e.kind.rawValue.htmlEscaped)</span> \(e.summary.htmlEscaped)"
            if let end = e.end, end > e.time { what += "<br><span class=\"muted\">until \(time(end).htmlEscaped)</span>" }
            if let context = e.context {
                what += "<pre>" + CrashContextText.html(context) + "</pre>"
            }
            what += "<br><code>\(e.seeMore.htmlEscaped)</code>"
            out.line("<tr class=\"\(e.kind.isTrouble ? "trouble" : "fine")\"><td>\(time(e.time).htmlEscaped)</td>"
                     + "<td>\((e.service ?? "all").htmlEscaped)</td><td>\(what)</td></tr>")
        }
        out.line("</tbody></table></body></html>")
    }

    static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}
        @media (prefers-color-scheme:dark){body{color:#ddd;background:#161616}tr.trouble td{background:#3a1d1d}}
        table{border-collapse:collapse;width:100%}td,th{padding:.3em .6em;border-bottom:1px solid #8884;vertical-align:top;text-align:left}
        td:first-child{white-space:nowrap;font-variant-numeric:tabular-nums}tr.trouble td{background:#fdecea}
        .kind{font-weight:600}.muted{opacity:.7}pre{white-space:pre-wrap;margin:.4em 0;font-size:12px}
        """
}
