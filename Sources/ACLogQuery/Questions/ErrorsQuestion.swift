import ACLogModel
import ACLogSQLite

/// `aclog errors`: error and 5xx rates per service and bucket, and the error signatures.
public struct ErrorsQuestion: Sendable {
    /// Services, container names or id prefixes; none: all.
    public var services: [String] = []
    public var since: Int64
    public var until: Int64
    public var bucket: Int64
    /// Compare with the window this long before (its buckets are that long, one per service).
    public var compare: Int64?

    public init(services: [String] = [], since: Int64, until: Int64, bucket: Int64, compare: Int64? = nil) {
        self.services = services
        self.since = since
        self.until = until
        self.bucket = bucket
        self.compare = compare
    }
}

/// The answer to an `ErrorsQuestion`.
public struct ErrorsAnswer: Sendable {
    /// Per service and bucket (the first bucket starts at the minute `since` falls in).
    public var buckets: [ErrorBucket]
    /// Service → signature → error and fatal records in the window.
    public var signatures: [String: [String: Int]]
    /// The compared window, when asked: one bucket per service, and its signatures.
    public var previous: (buckets: [ErrorBucket], signatures: [String: [String: Int]])?

    /// A signature the compared window did not have (never, without a comparison).
    public func isNew(_ signature: String, of service: String) -> Bool {
        guard let previous else { return false }
        return previous.signatures[service]?[signature] == nil
    }

    /// A service's buckets summed.
    public func total(of service: String) -> ErrorBucket {
        ErrorBucket.sum(buckets.filter { $0.service == service }, service: service, start: 0)
    }

    /// The compared window's counts of a service, when there was a comparison.
    public func previousTotal(of service: String) -> ErrorBucket? {
        previous.map { ErrorBucket.sum($0.buckets.filter { $0.service == service }, service: service, start: 0) }
    }

    public var services: [String] { Set(buckets.map(\.service)).sorted() }

    /// Every (service, signature, count), most frequent first.
    public var rankedSignatures: [(service: String, signature: String, count: Int)] {
        signatures.flatMap { service, counts in counts.map { (service, $0.key, $0.value) } }
            .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : ($0.0, $0.1) < ($1.0, $1.1) }
    }
}

extension ReadOnlyDatabase {
    public func errors(_ question: ErrorsQuestion) throws -> ErrorsAnswer {
        let containers = try containers(for: question.services)
        let from = Timestamp.floor(question.since, to: Timestamp.nanosPerMinute)
        var answer = ErrorsAnswer(
            buckets: try errorBuckets(containers: containers, since: from, until: question.until, bucket: question.bucket),
            signatures: try errorSignatures(containers: containers, since: question.since, until: question.until))
        if let length = question.compare {
            answer.previous = (try errorBuckets(containers: containers, since: from - length, until: from, bucket: length),
                               try errorSignatures(containers: containers, since: question.since - length, until: question.since))
        }
        return answer
    }
}
