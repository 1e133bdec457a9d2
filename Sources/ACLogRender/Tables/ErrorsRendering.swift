import ACLogModel
import ACLogQuery

/// `aclog errors` as a table for people: per service and bucket, per service over the window
/// (against the compared one), and the top error signatures, new ones marked.
public struct ErrorsTable {
    public var utc: Bool
    /// How many signatures to show.
    public var top: Int

    public init(utc: Bool, top: Int) {
        self.utc = utc
        self.top = top
    }

    public func render(_ answer: ErrorsAnswer, into out: inout some LineSink) {
        let buckets = answer.buckets
        let topRate = buckets.map(\.errorRate).max() ?? 0
        let table = TextTable(header: ["SERVICE", "BUCKET", "RECORDS", "ERRORS", "ERR %", "REQUESTS", "5XX", "5XX %", ""])
        for b in buckets {
            table.add([b.service, Timestamp.display(b.start, utc: utc).prefix(16).description, String(b.records), String(b.errors),
                       Self.percent(b.errorRate), String(b.requests), String(b.serverErrors),
                       b.requests == 0 ? "-" : Self.percent(b.serverErrorRate), Sparkline.bar(b.errorRate, of: topRate)])
        }
        for line in table.lines(rightAligned: [2, 3, 4, 5, 6, 7]) { out.line(line) }
        out.line("")
        let compared = answer.previous != nil
        let summary = TextTable(header: ["SERVICE", "ERRORS", "ERR %", "5XX %", "SHAPE"] + (compared ? ["ERR % BEFORE", "5XX % BEFORE"] : []))
        for service in answer.services {
            let total = answer.total(of: service)
            var row = [service, String(total.errors), Self.percent(total.errorRate),
                       total.requests == 0 ? "-" : Self.percent(total.serverErrorRate),
                       Sparkline.of(buckets.filter { $0.service == service }.map { Double($0.errors) })]
            if let old = answer.previousTotal(of: service) {
                row += [old.records == 0 ? "-" : Self.percent(old.errorRate), old.requests == 0 ? "-" : Self.percent(old.serverErrorRate)]
            }
            summary.add(row)
        }
        for line in summary.lines(rightAligned: [1, 2, 3]) { out.line(line) }
        guard !answer.signatures.isEmpty else { return }
        out.line("")
        let signatures = TextTable(header: ["SERVICE", "COUNT", "", "ERROR SIGNATURE"])
        for (service, signature, n) in answer.rankedSignatures.prefix(top) {
            signatures.add([service, String(n), answer.isNew(signature, of: service) ? "NEW" : "", signature])
        }
        for line in signatures.lines(rightAligned: [1]) { out.line(line) }
    }

    static func percent(_ rate: Double) -> String { (rate * 100).decimal(places: 2) }
}

/// `aclog errors -o json`: an object per bucket, then per service its top signatures.
public enum ErrorsJSON {
    public static func render(_ answer: ErrorsAnswer, top: Int, into out: inout some LineSink) {
        for b in answer.buckets { out.line(bucket(b)) }
        for (service, counts) in answer.signatures.sorted(by: { $0.key < $1.key }) {
            // Ties in the signature's order, so the same question gives the same lines every time.
            for (signature, n) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(top) {
                out.line("{\"type\":\"signature\",\"service\":\(JSONString.quoted(service)),\"count\":\(n),"
                         + "\"signature\":\(JSONString.quoted(signature)),\"new\":\(answer.isNew(signature, of: service))}")
            }
        }
    }

    public static func bucket(_ b: ErrorBucket) -> String {
        "{\"type\":\"bucket\",\"service\":\(JSONString.quoted(b.service)),\"bucket\":\"\(Timestamp.rfc3339(b.start))\","
            + "\"records\":\(b.records),\"errors\":\(b.errors),\"error_rate\":\(b.errorRate),"
            + "\"requests\":\(b.requests),\"server_errors\":\(b.serverErrors),\"server_error_rate\":\(b.serverErrorRate)}"
    }
}

/// `aclog errors -o csv`: the buckets.
public enum ErrorsCSV {
    public static func render(_ answer: ErrorsAnswer, into out: inout some LineSink) {
        out.line("service,bucket,records,errors,error_rate,requests,server_errors,server_error_rate")
        for b in answer.buckets {
            out.line("\(CSVField.quoted(b.service)),\(Timestamp.rfc3339(b.start)),\(b.records),\(b.errors),\(b.errorRate),"
                     + "\(b.requests),\(b.serverErrors),\(b.serverErrorRate)")
        }
    }
}
