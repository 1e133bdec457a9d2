import ACLogModel

/// Error bursts (minutes with at least `burstFloor` errors and `burstFactor` times the service's
/// usual rate, run together) and the first appearance of each error signature the service had not
/// shown in the `newWithin` before the window.
struct ErrorMoments {
    static let burstFloor: Int64 = 5
    static let burstFactor = 3.0
    /// How far back the usual rate is read.
    static let baselineSpan: Int64 = 24 * 3_600 * Timestamp.nanosPerSecond
    static let newWithinDays = 7

    let db: ReadOnlyDatabase
    let containers: [Int64]
    let since: Int64
    let until: Int64

    func entries() throws -> [TimelineEntry] {
        try bursts() + newErrors()
    }

    func bursts() throws -> [TimelineEntry] {
        let minute = Timestamp.nanosPerMinute
        let rows = try db.errorBuckets(containers: containers, since: since, until: until, bucket: minute)
        var before = try db.errorTotals(containers: containers, since: since - Self.baselineSpan, until: since)
        for (service, errors) in try db.priorErrors(since: since - Self.baselineSpan, until: since) {
            before[service, default: ErrorBucket(service: service, start: since - Self.baselineSpan, records: 0, errors: 0, requests: 0, serverErrors: 0)].errors += errors
        }
        var entries: [TimelineEntry] = []
        for (service, buckets) in Dictionary(grouping: rows, by: \.service) {
            let earlier = before[service]
            // With no history, the window's own rate is the usual one.
            let usual = earlier.map { Double($0.errors) / Double(Self.baselineSpan / minute) }
                ?? Double(buckets.reduce(0) { $0 + $1.errors }) / Double(max(1, (until - since) / minute))
            let threshold = max(Double(Self.burstFloor), Self.burstFactor * usual)
            var run: [ErrorBucket] = []
            func close() {
                guard let first = run.first, let last = run.last else { return }
                let errors = run.reduce(0) { $0 + $1.errors }
                let minutes = (last.start - first.start) / minute + 1
                entries.append(TimelineEntry(time: first.start, service: service, kind: .errorBurst,
                                             summary: "error burst: \(errors) errors in \(minutes) min (usually \(Self.rate(usual)) a minute)",
                                             end: last.start + minute))
                run = []
            }
            for bucket in buckets.sorted(by: { $0.start < $1.start }) where Double(bucket.errors) >= threshold {
                if let last = run.last, bucket.start - last.start > minute { close() }
                run.append(bucket)
            }
            close()
        }
        return entries
    }

    static func rate(_ perMinute: Double) -> String {
        perMinute >= 10 ? String(Int(perMinute.rounded())) : perMinute >= 0.1 ? String(Double(Int(perMinute * 10)) / 10) : perMinute > 0 ? "under 0.1" : "none"
    }

    func newErrors() throws -> [TimelineEntry] {
        let days = Self.newWithinDays
        let memory = try SignatureMemory(db: db.db, since: since - Int64(days) * 86_400 * Timestamp.nanosPerSecond, until: since)
        var entries: [TimelineEntry] = []
        try db.forEachRecord(containers: containers, since: since, until: until, minLevel: .error) { record in
            let signature = ErrorSignature.of(record.message)
            guard memory.isNew(signature, service: record.service, at: record.time, days: days) else { return }
            entries.append(TimelineEntry(time: record.time, service: record.service, container: record.container, kind: .newError,
                                         summary: "new error: \(signature)", detail: String(record.message.prefix { $0 != "\n" })))
        }
        return entries
    }
}
