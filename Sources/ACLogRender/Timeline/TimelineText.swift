import ACLogModel
import ACLogQuery

/// `aclog timeline`: one line per entry (time, service, what), trouble marked `!`, and under it
/// how to see more; with `--detail`, a crash's last lines and resources.
public struct TimelineText {
    public var utc: Bool

    public init(utc: Bool) {
        self.utc = utc
    }

    public func render(_ entries: [TimelineEntry], window: (since: Int64, until: Int64), into out: inout some LineSink) {
        let time = { (t: Int64) in Timestamp.display(t, utc: utc).prefix(23).description }
        out.line("Timeline \(time(window.since)) to \(time(window.until)): \(entries.count) \(entries.count == 1 ? "entry" : "entries")")
        let width = entries.map { ($0.service ?? "all").count }.max() ?? 3
        for entry in entries {
            let service = (entry.service ?? "all").padding(to: width)
            out.line("\(time(entry.time)) \(entry.kind.isTrouble ? "!" : " ") \(service)  \(entry.summary)")
            let indent = String(repeating: " ", count: 26 + width)
            if let end = entry.end, end > entry.time {
                out.line(indent + "until \(time(end))")
            }
            if let context = entry.context {
                for line in CrashContextText.lines(context) { out.line(indent + line) }
            }
            out.line(indent + "→ " + entry.seeMore)
        }
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
