import ACLogModel

extension ReadOnlyDatabase {
    /// The last lines a container wrote before `time`, and its memory and CPU over the
    /// `CrashContext.span` before it against its limits.
    func crashContext(before time: Int64, container row: Int64?) throws -> CrashContext? {
        guard let row else { return nil }
        let lines = try tail(containers: [row], since: time - 24 * 3_600 * Timestamp.nanosPerSecond, until: time + 1,
                             minLevel: .unknown, limit: CrashContext.lines)
        var context = CrashContext(lastLines: lines)
        if try hasMetrics() {
            let rows = try resourceRows(containers: [row], since: time - CrashContext.span, until: time + 1)
            context.memoryMax = rows.compactMap { $0.summaries[.mem]?.max }.max()
            context.memoryLast = rows.last?.summaries[.mem]?.max
            context.memoryLimit = rows.compactMap(\.memoryLimit).last
            context.cpuMax = rows.compactMap { $0.summaries[.cpu]?.max }.max()
            context.cpuLimit = rows.compactMap(\.cpuLimit).last
        }
        return context
    }
}
