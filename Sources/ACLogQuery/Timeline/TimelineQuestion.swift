import ACLogModel
import ACLogSQLite

/// `aclog timeline`: what happened to some services in a window, on one time line: starts, stops
/// and crashes, OOM kills, health changes, restart loops, deploys, alerts, error bursts, new
/// errors, resource peaks and coverage gaps.
public struct TimelineQuestion: Sendable {
    public var services: [String]
    public var since: Int64
    public var until: Int64
    /// A crash's or an OOM kill's last lines and resources before it.
    public var detail: Bool

    public init(services: [String] = [], since: Int64, until: Int64, detail: Bool = false) {
        self.services = services
        self.since = since
        self.until = until
        self.detail = detail
    }
}

extension ReadOnlyDatabase {
    /// The entries of the question's window in time order (what happened first, first).
    public func timeline(_ question: TimelineQuestion, now: Int64 = Timestamp.now()) throws -> [TimelineEntry] {
        let containers = try containers(for: question.services)
        let (since, until) = (question.since, question.until)
        // A kill up to a minute before the window says whether a die in it was asked for.
        var entries = EventMoments.entries(try events(containers: containers, since: since - EventMoments.requestedWithin, until: until,
                                                      query: "timeline_events")).filter { $0.time >= since }
        entries += try alertMoments(services: question.services.isEmpty ? nil : Set(services(of: containers)), since: since, until: until)
        entries += try ErrorMoments(db: self, containers: containers, since: since, until: until).entries()
        if try hasMetrics() {
            entries += try ResourceMoments.entries(try resourceRows(containers: containers, since: since, until: until))
        }
        entries += try coverageGaps(containers: containers, since: since, until: until, now: now).map { gap in
            TimelineEntry(time: max(gap.start, since), service: gap.service, container: gap.container, kind: .gap,
                          summary: "records may be missing: \(gap.reason)", end: gap.end)
        }
        if question.detail {
            for i in entries.indices where entries[i].kind == .crashed || entries[i].kind == .oom {
                entries[i].context = try crashContext(before: entries[i].time, container: entries[i].containerRow)
            }
        }
        return entries.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    /// Fired and resolved alerts (of these services; nil: all), once each however many channels
    /// were told.
    func alertMoments(services: Set<String>?, since: Int64, until: Int64) throws -> [TimelineEntry] {
        var seen: Set<String> = []
        var entries: [TimelineEntry] = []
        for n in try alertStatus(since: since, until: until, limit: 10_000).history.reversed() {
            guard services?.contains(n.service) ?? true, seen.insert("\(n.rule)\u{0}\(n.service)\u{0}\(n.state)\u{0}\(n.time)").inserted else { continue }
            let resolved = n.state == "resolved"
            entries.append(TimelineEntry(time: n.time, service: n.service.isEmpty ? nil : n.service, container: n.container,
                                         kind: resolved ? .alertResolved : .alertFired,
                                         summary: "alert \(n.rule) \(resolved ? "resolved" : "fired"): \(n.summary)"))
        }
        return entries
    }

    /// Raw samples where they are kept, else the per-minute rollups.
    func resourceRows(containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> [MetricRow] {
        let raw = try metricRows(tier: .raw, containers: containers, since: since, until: until, metrics: [.cpu, .mem])
        return raw.isEmpty ? try metricRows(tier: .minute, containers: containers, since: since, until: until, metrics: [.cpu, .mem]) : raw
    }
}
