/// Whether a container event sets off an `event` rule: one judge for the collector's alerts and for
/// `aclog alerts test`'s replay of history, so both count the same things.
public struct AlertEventJudge: Sendable {
    public enum Verdict: Sendable, Equatable {
        case fires
        /// The condition the alert fired for has ended (a container healthy again).
        case resolves
    }

    public let trigger: AlertRule.EventTrigger
    /// Start times per service, for restart loops.
    private var starts: [String: [Int64]] = [:]

    public init(_ trigger: AlertRule.EventTrigger) {
        self.trigger = trigger
    }

    /// Events must come in time order per service.
    public mutating func judge(service: String, time: Int64, action: String, exitCode: Int?, detail: String?) -> Verdict? {
        switch trigger {
        case .die(let ignored):
            return action == "die" && !ignored.contains(exitCode ?? -1) ? .fires : nil
        case .oom:
            return action == "oom" ? .fires : nil
        case .unhealthy:
            guard action == "health_status" else { return nil }
            return detail == "unhealthy" ? .fires : detail == "healthy" ? .resolves : nil
        case .restartLoop(let count, let within):
            guard action == "start" else { return nil }
            var recent = starts[service, default: []].filter { time - $0 < within }
            recent.append(time)
            starts[service] = recent
            return recent.count >= count ? .fires : nil
        case .deploy:
            return action == "deploy" ? .fires : nil
        }
    }

    /// Starts seen in the last `within` of a restart-loop rule (after a restart of the collector).
    public mutating func remember(starts times: [Int64], service: String) {
        starts[service, default: []] += times
    }

    /// How many times the service started within the rule's span, as of its last start.
    public func recentStarts(_ service: String) -> Int { starts[service]?.count ?? 0 }

    /// A restart loop in words: `api-1 started 5 times within 60 s`.
    public func loopSummary(service: String, container: String) -> String? {
        guard case .restartLoop(_, let within) = trigger else { return nil }
        return "\(container) started \(recentStarts(service)) times within \(within / Timestamp.nanosPerSecond) s"
    }
}
