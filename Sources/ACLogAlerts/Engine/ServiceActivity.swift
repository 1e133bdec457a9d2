import ACLogModel

/// What the engine saw of each service, for the rules judged on time: records, errors and 5xx
/// responses per second over the longest `rate` window, the last record, the containers running,
/// and each container's recent resource samples.
struct ServiceActivity {
    struct Counts {
        var records = 0, errors = 0, serverErrors = 0
    }

    /// Counts per second (its start, nanoseconds) per service; kept only when a `rate` rule reads
    /// them (`keep` > 0).
    private(set) var seconds: [String: [Int64: Counts]] = [:]
    private(set) var lastRecord: [String: Int64] = [:]
    /// Running containers by name, with their service.
    private(set) var running: [String: String] = [:]
    /// Recent samples per container (the last hour), with its service.
    private(set) var samples: [String: (service: String, samples: [MetricSample])] = [:]
    /// CPU limits per container, in percent of one core.
    var cpuLimits: [String: Double] = [:]
    let keep: Int64

    init(keep: Int64) {
        self.keep = keep
    }

    mutating func saw(_ records: [LogRecord], of container: ContainerInfo) {
        guard !records.isEmpty else { return }
        let service = container.service
        lastRecord[service] = max(lastRecord[service] ?? .min, records.lazy.map(\.time).max()!)
        guard keep > 0 else { return }
        for record in records {
            let second = Timestamp.floor(record.time, to: Timestamp.nanosPerSecond)
            var counts = seconds[service, default: [:]][second, default: Counts()]
            counts.records += 1
            if record.level >= .error { counts.errors += 1 }
            if let status = record.httpStatus, status >= 500 && status < 600 { counts.serverErrors += 1 }
            seconds[service, default: [:]][second] = counts
        }
    }

    mutating func saw(_ event: ContainerEvent) {
        switch event.action {
        case "start", "restart", "unpause": running[event.container.name] = event.container.service
        case "die", "stop", "kill", "destroy", "pause": running[event.container.name] = nil
        default: break
        }
    }

    mutating func registered(_ container: ContainerInfo, at now: Int64) {
        running[container.name] = container.isRunning ? container.service : nil
        // A service's silence counts from when the collector first saw it.
        if lastRecord[container.service] == nil { lastRecord[container.service] = now }
    }

    mutating func saw(_ sample: MetricSample, of container: ContainerInfo) {
        var kept = samples[container.name]?.samples ?? []
        kept.append(sample)
        kept.removeAll { sample.time - $0.time > 3_600 * Timestamp.nanosPerSecond }
        samples[container.name] = (container.service, kept)
    }

    /// Forgets counts older than the longest window.
    mutating func prune(now: Int64) {
        for (service, window) in seconds {
            let kept = window.filter { now - $0.key <= keep }
            seconds[service] = kept.isEmpty ? nil : kept
        }
    }

    /// Records, errors or 5xx responses of a service in the seconds of (now - span, now].
    func count(_ subject: AlertRule.RateTrigger.Subject, service: String, span: Int64, now: Int64) -> Int {
        var total = 0
        for (second, counts) in seconds[service] ?? [:] where now - second < span {
            switch subject {
            case .records: total += counts.records
            case .errors: total += counts.errors
            case .fiveXX: total += counts.serverErrors
            }
        }
        return total
    }

    var services: Set<String> { Set(seconds.keys).union(running.values).union(lastRecord.keys) }
}
