import ACLogModel
import ACLogQuery
import ACLogTextSearch

/// A rule ready to judge what the collector stores: its services as a set, its regular expression
/// compiled, its event judge (which remembers restarts).
final class WatchedRule {
    let rule: AlertRule
    private let services: Set<String>
    /// The regular expression of a `match` rule.
    let messageMatcher: MessageMatcher?
    /// The lowest level and the stream of records the rule judges; nil for a rule of events.
    let recordFilter: (minimum: Level, stream: LogStream?)?
    /// Remembers restarts between batches.
    var judge: AlertEventJudge?

    init(_ rule: AlertRule) throws(ExtendedRegex.Invalid) {
        self.rule = rule
        services = Set(rule.services)
        if case .match(let pattern, _, _) = rule.trigger { messageMatcher = try MessageMatcher(pattern) } else { messageMatcher = nil }
        switch rule.trigger {
        case .match(_, let level, let stream): recordFilter = (level ?? .unknown, stream)
        case .level(let level): recordFilter = (level, nil)
        case .newSignature: recordFilter = (.error, nil)
        default: recordFilter = nil
        }
        if case .event(let trigger) = rule.trigger { judge = AlertEventJudge(trigger) } else { judge = nil }
    }

    /// Whether the rule watches this container (by its service or its name).
    func watches(_ container: ContainerInfo) -> Bool {
        services.isEmpty || services.contains(container.service) || services.contains(container.name)
    }

    func watches(service: String) -> Bool {
        services.isEmpty || services.contains(service)
    }

    /// The occurrence a record that passed the rule makes; `signature` keys the alert (a match's,
    /// a new signature's).
    func occurrence(_ record: LogRecord, of container: ContainerInfo, signature: String? = nil) -> Occurrence {
        let line = record.message.prefix { $0 != "\n" }
        let isNew = if case .newSignature = rule.trigger { true } else { false }
        return Occurrence(
            time: record.time, service: container.service, container: container.name,
            key: signature ?? (messageMatcher == nil ? "" : ErrorSignature.of(record.message)),
            summary: (isNew ? "a new error in \(container.name): " : "\(container.name): ") + (line.count > 300 ? line.prefix(300) + "…" : line),
            record: Occurrence.recordJSON(record))
    }

    /// A held alert (its condition lasts until it ends) is resolved; an instant one (a line, a
    /// crash) stops firing when its cooldown passes without it.
    var isHeld: Bool {
        switch rule.trigger {
        case .event(.unhealthy), .rate, .resource, .silence: true
        default: false
        }
    }

    func judge(_ event: ContainerEvent) -> Occurrence? {
        guard judge != nil else { return nil }
        guard let verdict = judge!.judge(service: event.container.service, time: event.time, action: event.action,
                                         exitCode: event.exitCode, detail: event.detail) else { return nil }
        let stored = StoredEvent(id: 0, time: event.time, service: event.container.service, container: event.container.name,
                                 action: event.action, exitCode: event.exitCode, detail: event.detail)
        var summary = "\(event.container.name) \(stored.summary)"
        var value = event.exitCode.map(String.init)
        if let loop = judge!.loopSummary(service: event.container.service, container: event.container.name) {
            summary = loop
            value = String(judge!.recentStarts(event.container.service))
        }
        if verdict == .resolves { summary = "\(event.container.name) is healthy again" }
        return Occurrence(kind: verdict == .resolves ? .resolves : .fires, time: event.time, service: event.container.service,
                          container: event.container.name, summary: summary, value: value)
    }
}
