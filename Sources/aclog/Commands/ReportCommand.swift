import ACLogModel
import ACLogQuery
import ACLogRender
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

            The period is the last 24 hours unless --since says otherwise. The report goes to
            standard output, or with -w to a file (written whole, then moved into place, so a
            reader never sees half of one).

            Examples:
              aclog report -w /var/www/aclog/report.html
              aclog report --since 7d -o md -w weekly.md
              aclog report -o text | mail -s "aclog nightly" ops@example.com
            """.asHelpParagraphs
    )

    @Argument(help: "Services, container names or id prefixes. None: all.")
    var services: [String] = []

    @OptionGroup var range: TimeRangeOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The output format.", valueName: "format"),
            transform: Format.init(parsing:))
    var output: Format = .html

    @Option(name: [.customShort("w"), .customLong("file")], help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var file: String?

    /// The spelling before -o meant the format: now a one-line error saying so.
    @Option(name: .long, help: .hidden)
    var format: String?

    @OptionGroup var database: DatabaseOptions

    enum Format: String, CaseIterable {
        case html, md, text
        var renderer: ReportRenderer.Format { ReportRenderer.Format(rawValue: rawValue)! }

        /// `-o FILE` wrote a file before -o chose the format, as in every other command: a value
        /// that is no format is most likely that, and the error says what to write now.
        init(parsing text: String) throws {
            guard let format = Format(rawValue: text) else {
                throw CommandLineError("-o is the output format (html, md or text); to write a file, use -w \(text)")
            }
            self = format
        }
    }

    func validate() throws {
        if let format {
            throw CommandLineError("--format \(format): the format is -o/--output now (-o \(format))")
        }
    }

    func run() throws {
        let now = Timestamp.now()
        let (start, end) = try range.closed(now: now, defaultSince: "24h")
        let report = try database.open().report(ReportQuestion(services: services, since: start, until: end), now: now)
        let text = try ReportRenderer(utc: range.utc).render(report, as: output.renderer)
        guard let outputFile = file else {
            var out = OutputBuffer()
            out.write(text)
            out.flush()
            return
        }
        // Written beside the target and renamed, so a reader never sees half a report.
        let temporary = outputFile + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw CommandLineError("cannot write '\(outputFile)'", code: 1)
        }
        guard rename(temporary, outputFile) == 0 else {
            unlink(temporary)
            throw CommandLineError("cannot write '\(outputFile)': \(String(cString: strerror(errno)))", code: 1)
        }
    }
}
