import ACLogModel
import ACLogQuery
import ACLogRender
import ACLogSQLite
import ACLogStore
import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The nightly report: per service CPU and memory charts, restarts, error and 5xx rates, what changed.",
        discussion: """
            For each service: CPU and memory charts (HTML: inline SVG, one self-contained file that
            prints well), p95 and peak against the limit, memory growth flagged when it looks like
            a leak, restarts, OOM kills and exit codes, the error and 5xx rates against the period
            before. Then the error signatures new in this period, the noisiest services, and the
            spans aclog could not collect. Markdown and text are for mail.

            Examples:
              aclog report -o /var/www/aclog/report.html
              aclog report --since 7d --format md -o weekly.md
              aclog report --format text | mail -s "aclog nightly" ops@example.com
            """.asHelpParagraphs
    )

    @Argument(help: "Services, container names or id prefixes. None: all.")
    var services: [String] = []

    @Option(name: .long, help: ArgumentHelp("Start of the period (default 24h).", valueName: "time"))
    var since = "24h"

    @Option(name: .long, help: ArgumentHelp("End of the period (default now).", valueName: "time"))
    var until: String?

    @Option(name: .long, help: "html (default), md or text.")
    var format: Format = .html

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var outputFile: String?

    @Flag(name: .long, help: "Read and print times in UTC.")
    var utc = false

    @OptionGroup var database: DatabaseOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, md, text
        var renderer: ReportRenderer.Format { ReportRenderer.Format(rawValue: rawValue)! }
    }

    func run() throws {
        let now = Timestamp.now()
        let start: Int64, end: Int64
        do {
            start = try TimeExpression.parse(since, now: now, utc: utc)
            end = try until.map { try TimeExpression.parse($0, now: now, utc: utc) } ?? now
        } catch {
            throw CommandLineError("\(error)")
        }
        guard start < end else { throw CommandLineError("--since \(since) is not before --until \(until ?? "now")") }
        let report = try database.openReader().report(ReportQuestion(services: services, since: start, until: end), now: now)
        let text = try ReportRenderer(utc: utc).render(report, as: format.renderer)
        guard let outputFile else {
            var out = OutputBuffer()
            out.write(text)
            out.flush()
            return
        }
        // Written beside the target and renamed, so a reader never sees half a report.
        let temporary = outputFile + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw CommandLineError("cannot write '\(outputFile)'")
        }
        guard rename(temporary, outputFile) == 0 else {
            unlink(temporary)
            throw CommandLineError("cannot write '\(outputFile)': \(String(cString: strerror(errno)))")
        }
    }
}
