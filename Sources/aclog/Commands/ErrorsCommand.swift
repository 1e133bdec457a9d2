import ACLogModel
import ACLogQuery
import ACLogRender
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
            values folded. --compare shows the change against the window before, new signatures marked;
            --compare deploy, the span after the service's last deploy against as long before it.
            The window is the last 24 hours unless --since says otherwise, in buckets of an hour
            unless --bucket says.

            Examples:
              aclog errors --since 24h --bucket 1h
              aclog errors backend --since 7d --bucket 1d --compare 7d
              aclog errors backend --compare deploy
              aclog errors -o json | jq 'select(.server_errors > 0)'
            """.asHelpParagraphs
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Argument(help: "Services, container names or id prefixes. None: all.")
    var services: [String] = []

    @OptionGroup var range: TimeRangeOptions
    @OptionGroup var bucketing: BucketOptions

    @Option(name: .long, help: ArgumentHelp("Compare with the window that long before this one (e.g. 24h); or 'deploy': the span since the last deploy (at most the window's length) with as long before it.", valueName: "duration|deploy"))
    var compare: String?

    @OptionGroup var deployChoice: DeployOptions

    @Option(name: .long, help: "How many signatures to show.")
    var top = 10

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The output format.", valueName: "format"))
    var output: Format = .table

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        var (start, end) = try range.closed(defaultSince: "24h")
        let db = try database.open()
        var out = OutputBuffer()
        let previous: Int64?
        if compare == "deploy" {
            let around = try deployChoice.around(in: db, services: services, longest: end - start)
            (start, end, previous) = (around.deploy.time, around.deploy.time + around.length, around.length)
            if output == .table {
                out.line(DeployOptions.heading(around.deploy, utc: range.utc))
                out.line("The \(DurationText.elapsed(around.length)) after it, compared with the \(DurationText.elapsed(around.length)) before.")
                out.line("")
            }
        } else {
            do {
                previous = try compare.map { try TimeExpression.duration($0) }
            } catch {
                throw CommandLineError("invalid --compare '\(compare ?? "")': give a duration (24h, 7d ...) or deploy")
            }
        }
        let size = (bucketing.bucket ?? .fixed(3_600 * Timestamp.nanosPerSecond)).resolve(window: end - start)
        let answer = try db.errors(ErrorsQuestion(services: services, since: start, until: end, bucket: size, compare: previous))
        switch output {
        case .json: ErrorsJSON.render(answer, top: top, into: &out)
        case .csv: ErrorsCSV.render(answer, into: &out)
        case .table: ErrorsTable(utc: range.utc, top: top).render(answer, into: &out)
        }
        out.flush()
    }
}
