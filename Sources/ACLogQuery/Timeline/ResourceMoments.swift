import ACLogModel

/// Resource peaks: spans in which a container's memory reached `share` of its limit, or its CPU
/// that share of its CPU limit (where it is throttled), one entry per span at its highest point.
enum ResourceMoments {
    static let share = 0.9

    /// Rows ordered by container and time.
    static func entries(_ rows: [MetricRow]) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        for (_, rowsOfOne) in Dictionary(grouping: rows, by: \.container) {
            let sorted = rowsOfOne.sorted { $0.time < $1.time }
            entries += peaks(sorted, kind: .memoryPeak) { row in
                guard let used = row.summaries[.mem]?.max, let limit = row.memoryLimit, limit > 0 else { return nil }
                return (used, limit)
            }
            entries += peaks(sorted, kind: .cpuPeak) { row in
                guard let used = row.summaries[.cpu]?.max, let limit = row.cpuLimit, limit > 0 else { return nil }
                return (used, limit)
            }
        }
        return entries
    }

    static func peaks(_ rows: [MetricRow], kind: TimelineEntry.Kind, reading: (MetricRow) -> (used: Double, limit: Double)?) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        var run: [(row: MetricRow, used: Double, limit: Double)] = []
        func close(until end: Int64) {
            guard let top = run.max(by: { $0.used / $0.limit < $1.used / $1.limit }) else { return }
            let percent = Int((top.used / top.limit * 100).rounded())
            let what = kind == .memoryPeak
                ? "memory \(mebibytes(top.used)) of its \(mebibytes(top.limit)) limit (\(percent) %)"
                : "CPU \(Int(top.used.rounded())) % of one core, its limit \(Int(top.limit.rounded())) % (\(percent) % of it: throttled)"
            entries.append(TimelineEntry(time: top.row.time, service: top.row.service, kind: kind, summary: what, end: end))
            run = []
        }
        for row in rows {
            if let (used, limit) = reading(row), used >= share * limit {
                run.append((row, used, limit))
            } else if !run.isEmpty {
                close(until: row.time)
            }
        }
        if let last = run.last { close(until: last.row.time) }
        return entries
    }

    static func mebibytes(_ bytes: Double) -> String {
        "\(Int((bytes / 1_048_576).rounded())) MiB"
    }
}
