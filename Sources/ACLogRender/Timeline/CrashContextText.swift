import ACLogModel
import ACLogQuery

/// A crash's context in words, for the text and HTML forms.
public enum CrashContextText {
    public static func lines(_ context: CrashContext) -> [String] {
        var lines: [String] = []
        let before = DurationText.spaced(CrashContext.span)
        if let max = context.memoryMax {
            let limit = context.memoryLimit.map { " of its \(MetricFormat.text($0, .bytes)) limit (\(Int((max / $0 * 100).rounded())) %)" } ?? " (no limit)"
            lines.append("memory in the \(before) before: up to \(MetricFormat.text(max, .bytes))\(limit)"
                         + (context.memoryLast.map { ", last \(MetricFormat.text($0, .bytes))" } ?? ""))
        }
        if let cpu = context.cpuMax {
            lines.append("CPU in the \(before) before: up to \(MetricFormat.text(cpu, .percent)) of one core"
                         + (context.cpuLimit.map { ", its limit \(MetricFormat.text($0, .percent))" } ?? " (no limit)"))
        }
        if context.memoryMax == nil && context.cpuMax == nil { lines.append("no resource samples in the \(before) before") }
        let count = context.lastLines.count
        lines.append(count == 0 ? "no lines before it" : count == 1 ? "its last line:" : "its last \(count) lines:")
        for record in context.lastLines {
            for (i, text) in record.message.split(separator: "\n", omittingEmptySubsequences: false).prefix(20).enumerated() {
                lines.append((i == 0 ? "| " : "|   ") + text)
            }
        }
        return lines
    }

    /// The lines escaped for a `<pre>`: the container's own lines are hostile text.
    public static func html(_ context: CrashContext) -> String {
        lines(context).map(\.htmlEscaped).joined(separator: "\n")
    }
}
