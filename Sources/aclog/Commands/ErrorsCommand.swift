import ACLogModel
import ACLogQuery
import ACLogRender
import ACLogSQLite
import ACLogStore
import ArgumentParser
import FoundationEssentials

struct ErrorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errors",
        abstract: "Error rates per service and time bucket, 5xx rates, and the top error signatures.",
        discussion: """
            For each service and bucket: records, error and fatal records, the error rate, HTTP
            requests, 5xx responses and the 5xx rate (from counts kept at ingest, minute resolution),
            then the most frequent error signatures: messages with numbers, ids, hex, paths and quoted
            values folded. --compare shows the change against the window before, new signatures marked.

            Examples:
              aclog errors --since 24h --bucket 1h
              aclog errors backend --since 7d --bucket 1d --compare 7d
              aclog errors -o json | jq 'select(.server_errors > 0)'
            """.asHelpParagraphs
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Argument(help: "Services, container names or id prefixes. None: all.")
    var services: [String] = []

    @Option(name: .long, help: ArgumentHelp("Start of the window (default 24h).", valueName: "time"))
    var since = "24h"

    @Option(name: .long, help: ArgumentHelp("End of the window (default now).", valueName: "time"))
    var until: String?

    @Option(name: .long, help: ArgumentHelp("Bucket size: 5m, 1h, 1d ...", valueName: "duration"))
    var bucket = "1h"

    @Option(name: .long, help: ArgumentHelp("Compare with the window that long before this one (e.g. 24h).", valueName: "duration"))
    var compare: String?

    @Option(name: .long, help: "How many signatures to show.")
    var top = 10

    @Flag(name: .long, help: "Read and print times in UTC.")
    var utc = false

    @Option(name: [.customShort("o"), .customLong("output")], help: "table (default), json or csv.")
    var output: Format = .table

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let now = Timestamp.now()
        let start: Int64, end: Int64, size: Int64
        var previous: Int64?
        do {
            start = try TimeExpression.parse(since, now: now, utc: utc)
            end = try until.map { try TimeExpression.parse($0, now: now, utc: utc) } ?? now
            size = try TimeExpression.duration(bucket)
            previous = try compare.map { try TimeExpression.duration($0) }
        } catch {
            throw CommandLineError("\(error)")
        }
        guard start < end else { throw CommandLineError("--since \(since) is not before --until \(until ?? "now")") }
        let reader = try database.openReader()
        let containers = try TailCommand.resolve(services, in: reader)
        let minute: Int64 = 60_000_000_000
        let from = start - ((start % minute) + minute) % minute
        let buckets = try reader.errorBuckets(containers: containers, since: from, until: end, bucket: size)
        let signatures = try reader.errorSignatures(containers: containers, since: start, until: end)
        var before: [ErrorBucket] = []
        var beforeSignatures: [String: [String: Int]] = [:]
        if let previous {
            before = try reader.errorBuckets(containers: containers, since: from - previous, until: from, bucket: previous)
            beforeSignatures = try reader.errorSignatures(containers: containers, since: start - previous, until: start)
        }
        var out = OutputBuffer()
        switch output {
        case .json:
            for b in buckets { out.line(Self.json(b)) }
            for (service, counts) in signatures.sorted(by: { $0.key < $1.key }) {
                for (signature, n) in counts.sorted(by: { $0.value > $1.value }).prefix(top) {
                    let isNew = previous != nil && beforeSignatures[service]?[signature] == nil
                    out.line("{\"type\":\"signature\",\"service\":\(JSONString.quoted(service)),\"count\":\(n),\"signature\":\(JSONString.quoted(signature)),\"new\":\(isNew)}")
                }
            }
        case .csv:
            out.line("service,bucket,records,errors,error_rate,requests,server_errors,server_error_rate")
            for b in buckets {
                out.line("\(SqlCommand.csv(b.service)),\(Timestamp.rfc3339(b.start)),\(b.records),\(b.errors),\(b.errorRate),\(b.requests),\(b.serverErrors),\(b.serverErrorRate)")
            }
        case .table:
            render(buckets, signatures: signatures, before: before, beforeSignatures: beforeSignatures, into: &out)
        }
        out.flush()
    }

    func render(_ buckets: [ErrorBucket], signatures: [String: [String: Int]], before: [ErrorBucket],
                beforeSignatures: [String: [String: Int]], into out: inout OutputBuffer) {
        let topRate = buckets.map(\.errorRate).max() ?? 0
        let table = TextTable(header: ["SERVICE", "BUCKET", "RECORDS", "ERRORS", "ERR %", "REQUESTS", "5XX", "5XX %", ""])
        for b in buckets {
            table.add([b.service, Timestamp.display(b.start, utc: utc).prefix(16).description, String(b.records), String(b.errors),
                       Self.percent(b.errorRate), String(b.requests), String(b.serverErrors),
                       b.requests == 0 ? "-" : Self.percent(b.serverErrorRate), Sparkline.bar(b.errorRate, of: topRate)])
        }
        for line in table.lines(rightAligned: [2, 3, 4, 5, 6, 7]) { out.line(line) }
        out.line("")
        let summary = TextTable(header: ["SERVICE", "ERRORS", "ERR %", "5XX %", "SHAPE"] + (compare == nil ? [] : ["ERR % BEFORE", "5XX % BEFORE"]))
        let byService = Dictionary(grouping: buckets, by: \.service)
        for (service, rows) in byService.sorted(by: { $0.key < $1.key }) {
            let total = Self.total(rows)
            var row = [service, String(total.errors), Self.percent(total.errorRate),
                       total.requests == 0 ? "-" : Self.percent(total.serverErrorRate), Sparkline.of(rows.map { Double($0.errors) })]
            if compare != nil {
                let old = Self.total(before.filter { $0.service == service })
                row += [old.records == 0 ? "-" : Self.percent(old.errorRate), old.requests == 0 ? "-" : Self.percent(old.serverErrorRate)]
            }
            summary.add(row)
        }
        for line in summary.lines(rightAligned: [1, 2, 3]) { out.line(line) }
        guard !signatures.isEmpty else { return }
        out.line("")
        let top = TextTable(header: ["SERVICE", "COUNT", "", "ERROR SIGNATURE"])
        let ranked = signatures.flatMap { service, counts in counts.map { (service, $0.key, $0.value) } }
            .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : ($0.0, $0.1) < ($1.0, $1.1) }
        for (service, signature, n) in ranked.prefix(self.top) {
            let isNew = compare != nil && beforeSignatures[service]?[signature] == nil
            top.add([service, String(n), isNew ? "NEW" : "", signature])
        }
        for line in top.lines(rightAligned: [1]) { out.line(line) }
    }

    static func total(_ rows: [ErrorBucket]) -> ErrorBucket {
        ErrorBucket.sum(rows, service: rows.first?.service ?? "", start: 0)
    }

    static func percent(_ rate: Double) -> String { (rate * 100).decimal(places: 2) }

    static func json(_ b: ErrorBucket) -> String {
        "{\"type\":\"bucket\",\"service\":\(JSONString.quoted(b.service)),\"bucket\":\"\(Timestamp.rfc3339(b.start))\","
            + "\"records\":\(b.records),\"errors\":\(b.errors),\"error_rate\":\(b.errorRate),"
            + "\"requests\":\(b.requests),\"server_errors\":\(b.serverErrors),\"server_error_rate\":\(b.serverErrorRate)}"
    }
}
