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
        let answer = try database.openReader().errors(
            ErrorsQuestion(services: services, since: start, until: end, bucket: size, compare: previous))
        var out = OutputBuffer()
        switch output {
        case .json: ErrorsJSON.render(answer, top: top, into: &out)
        case .csv: ErrorsCSV.render(answer, into: &out)
        case .table: ErrorsTable(utc: utc, top: top).render(answer, into: &out)
        }
        out.flush()
    }
}
