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

/// A crash's context in words, for the text and HTML forms.
public enum CrashContextText {
    public static func lines(_ context: CrashContext) -> [String] {
        var lines: [String] = []
        if let max = context.memoryMax {
            let limit = context.memoryLimit.map { " of its \(MetricFormat.text($0, .bytes)) limit (\(Int((max / $0 * 100).rounded())) %)" } ?? " (no limit)"
            lines.append("memory in the 5 min before: up to \(MetricFormat.text(max, .bytes))\(limit)"
                         + (context.memoryLast.map { ", last \(MetricFormat.text($0, .bytes))" } ?? ""))
        }
        if let cpu = context.cpuMax {
            lines.append("CPU in the 5 min before: up to \(MetricFormat.text(cpu, .percent)) of one core"
                         + (context.cpuLimit.map { ", its limit \(MetricFormat.text($0, .percent))" } ?? " (no limit)"))
        }
        if context.memoryMax == nil && context.cpuMax == nil { lines.append("no resource samples in the 5 min before") }
        let count = context.lastLines.count
        lines.append(count == 0 ? "no lines before it" : count == 1 ? "its last line:" : "its last \(count) lines:")
        for record in context.lastLines {
            for (i, text) in record.message.split(separator: "\n", omittingEmptySubsequences: false).prefix(20).enumerated() {
                lines.append((i == 0 ? "| " : "|   ") + text)
            }
        }
        return lines
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
