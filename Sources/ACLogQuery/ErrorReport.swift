import ACLogModel
import ACLogSQLite

/// The numbers behind `aclog errors`: error and 5xx counts per service and bucket, and the error
/// signatures of a window.
public struct ErrorBucket: Sendable, Equatable {
    public var service: String
    public var start: Int64
    public var records: Int64
    public var errors: Int64
    public var requests: Int64
    public var serverErrors: Int64

    public init(service: String, start: Int64, records: Int64, errors: Int64, requests: Int64, serverErrors: Int64) {
        self.service = service
        self.start = start
        self.records = records
        self.errors = errors
        self.requests = requests
        self.serverErrors = serverErrors
    }

    /// The counts of several buckets added up.
    public static func sum(_ rows: [ErrorBucket], service: String, start: Int64) -> ErrorBucket {
        var total = ErrorBucket(service: service, start: start, records: 0, errors: 0, requests: 0, serverErrors: 0)
        for b in rows {
            total.records += b.records
            total.errors += b.errors
            total.requests += b.requests
            total.serverErrors += b.serverErrors
        }
        return total
    }

    public var errorRate: Double { records == 0 ? 0 : Double(errors) / Double(records) }
    public var serverErrorRate: Double { requests == 0 ? 0 : Double(serverErrors) / Double(requests) }
}

extension ReadOnlyDatabase {
    public func errorBuckets(containers: [Int64], since: Int64, until: Int64, bucket: Int64) throws(StoreError) -> [ErrorBucket] {
        let s = try db.prepare(NamedQuery.sql("error_rate"))
        try Self.bindWindow(s, containers: containers, since: since, until: until)
        try s.bind(bucket, named: ":bucket")
        var rows: [ErrorBucket] = []
        while try s.step() {
            rows.append(ErrorBucket(service: s.text(0), start: s.int64(1), records: s.int64(2), errors: s.int64(3),
                                    requests: s.int64(4), serverErrors: s.int64(5)))
        }
        return rows
    }

    /// Service → its counts summed over [since, until) (minute resolution).
    public func errorTotals(containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> [String: ErrorBucket] {
        let buckets = try errorBuckets(containers: containers, since: since, until: until, bucket: 3_600 * Timestamp.nanosPerSecond)
        return Dictionary(grouping: buckets, by: \.service).mapValues { ErrorBucket.sum($0, service: $0[0].service, start: since) }
    }

    /// (service, signature) → count of error and fatal records in the window.
    public func errorSignatures(containers: [Int64], since: Int64, until: Int64) throws(StoreError) -> [String: [String: Int]] {
        let s = try db.prepare(NamedQuery.sql("error_lines"))
        try Self.bindWindow(s, containers: containers, since: since, until: until)
        var counts: [String: [String: Int]] = [:]
        while try s.step() {
            counts[s.text(0), default: [:]][ErrorSignature.of(s.text(1)), default: 0] += Int(s.int64(2))
        }
        return counts
    }
}
