import ACLogModel

/// The containers' events as timeline entries: a start, a stop (exit codes 0, 130 and 143: asked
/// to stop, or any code after Docker sent it a signal) or a crash (any other code), an OOM kill, a
/// change of health, a deploy; and a restart loop once a service has started `loopStarts` times
/// within `loopSpan`.
enum EventMoments {
    static let loopStarts = 3
    static let loopSpan: Int64 = 5 * Timestamp.nanosPerMinute
    static let stopCodes: Set<Int> = [0, 130, 143]
    /// A die this soon after a kill (`docker stop`, `docker rm -f`, `docker kill`) was asked for.
    static let requestedWithin: Int64 = 60 * Timestamp.nanosPerSecond

    /// Events in time order.
    static func entries(_ events: [StoredEvent]) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        var health: [Int64: String] = [:]
        var starts: [String: [Int64]] = [:]
        var looping: Set<String> = []
        var killed: [Int64: (time: Int64, signal: String)] = [:]
        for e in events {
            func add(_ kind: TimelineEntry.Kind, _ summary: String, detail: String? = nil) {
                var entry = TimelineEntry(time: e.time, service: e.service, container: e.container, kind: kind, summary: summary, detail: detail)
                entry.containerRow = e.containerRow
                entries.append(entry)
            }
            switch e.action {
            case "start":
                add(.started, "\(e.container) started")
                var recent = starts[e.service, default: []].filter { e.time - $0 < loopSpan }
                recent.append(e.time)
                starts[e.service] = recent
                if recent.count < 2 { looping.remove(e.service) }
                if recent.count >= loopStarts && looping.insert(e.service).inserted {
                    add(.restartLoop, "restart loop: \(e.service) started \(recent.count) times within \(DurationWords.text(e.time - recent[0]))")
                }
            case "kill":
                killed[e.containerRow] = (e.time, e.detail ?? "a signal")
            case "die":
                let code = e.exitCode
                if let kill = killed.removeValue(forKey: e.containerRow), e.time - kill.time <= requestedWithin {
                    add(.stopped, "\(e.container) was stopped (\(kill.signal) sent by Docker, exit code \(code.map(String.init) ?? "unknown"))")
                } else if let code, stopCodes.contains(code) {
                    add(.stopped, "\(e.container) stopped (exit code \(code))")
                } else {
                    add(.crashed, "\(e.container) crashed: exited with code \(code.map(String.init) ?? "unknown")")
                }
            case "oom":
                add(.oom, "\(e.container) was killed for lack of memory (OOM)")
            case "health_status":
                guard let status = e.detail, health[e.containerRow] != status else { continue }
                let before = health[e.containerRow]
                health[e.containerRow] = status
                if status == "unhealthy" {
                    add(.unhealthy, "\(e.container) turned unhealthy")
                } else if status == "healthy" && before != nil {
                    add(.healthy, "\(e.container) is healthy again")
                }
            case "deploy":
                add(.deploy, "\(e.service) deployed: \(e.detail ?? "a new image")", detail: e.detail)
            default:
                continue
            }
        }
        return entries
    }
}

/// `40 s`, `3 min`, `2 h 5 min`.
enum DurationWords {
    static func text(_ nanos: Int64) -> String {
        let seconds = max(0, nanos / Timestamp.nanosPerSecond)
        if seconds < 120 { return "\(seconds) s" }
        if seconds < 7_200 { return "\(seconds / 60) min" }
        let minutes = (seconds % 3_600) / 60
        return "\(seconds / 3_600) h" + (minutes > 0 ? " \(minutes) min" : "")
    }
}
