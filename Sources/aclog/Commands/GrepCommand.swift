import ACLogModel
import ACLogQuery
import ACLogRender
import ArgumentParser
import FoundationEssentials

struct GrepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grep",
        abstract: "Find the records that mention something, across services and container re-creations.",
        discussion: """
            By default PATTERN is found anywhere in a record whatever its case, its words in order
            with any spaces or punctuation between them: it finds all that grep -F -i finds
            ('ZeroDivision' finds ZeroDivisionError). -w wants its first and last words whole.
            -F finds an exact substring, -E an extended regular expression; both are case-sensitive
            unless -i. A multi-line record (a traceback) is found by any of its lines, as grep finds
            lines (^ and $ match at each line's start and end), and is printed whole. The full-text
            index narrows the search where the pattern allows; a scan of the window completes it. Context lines come from the same container and stream.
            Exit status: 0 when something matched, 1 when nothing did, 2 for a usage error.

            Examples:
              aclog grep 'Connection refused' --since '2026-11-25 02:00' -C 3
              aclog grep -E 'timeout|refused' backend redis
              aclog grep -F 'time_cost=' -i backend --since 1h -c
              aclog grep -p error ZeroDivisionError -o json
            """.asHelpParagraphs
    )

    @Argument(help: "What to look for.")
    var pattern: String

    @Argument(help: "Services, container names or id prefixes. None: all.")
    var services: [String] = []

    @Flag(name: [.customShort("F"), .customLong("fixed-strings")], help: "PATTERN is an exact substring.")
    var fixed = false

    @Flag(name: [.customShort("E"), .customLong("extended-regexp")], help: "PATTERN is an extended regular expression.")
    var regex = false

    @Flag(name: [.customShort("i"), .customLong("ignore-case")], help: "Ignore case with -F and -E (the default pattern always does).")
    var ignoreCase = false

    @Flag(name: [.customShort("w"), .customLong("word-regexp")], help: "Match whole words only: nothing but spaces or punctuation around the match.")
    var wordRegexp = false

    @OptionGroup var context: ContextOptions

    @Flag(name: [.customShort("c"), .customLong("count")], help: "Print how many records matched, per service (0 for a service without a match).")
    var count = false

    @Option(name: [.customShort("m"), .customLong("max-count")], help: ArgumentHelp("Stop after this many matches.", valueName: "n"))
    var maxCount: Int?

    @Option(name: [.customShort("p"), .customLong("level")], help: ArgumentHelp("Only records at this level or worse.", valueName: "level"))
    var level: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The output format: json is one object a line, raw each line as the container printed it.", valueName: "format"))
    var output: RecordFormat = .short

    @OptionGroup var range: TimeRangeOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if fixed && regex { throw CommandLineError("-F and -E cannot go together") }
        if let maxCount, maxCount < 0 { throw CommandLineError("invalid -m '\(maxCount)': give a count of 0 or more") }
        if let level, Level(word: level) == nil {
            throw CommandLineError("invalid level '\(level)': use trace, debug, info, warn, error or fatal")
        }
        if pattern.isEmpty { throw CommandLineError("empty pattern") }
    }

    func run() throws {
        FreedMemory.reuseLargeBlocks()
        let search: SearchPattern
        do {
            search = try SearchPattern(pattern, mode: fixed ? .fixed : regex ? .regex : .text, ignoreCase: ignoreCase, wholeWords: wordRegexp)
        } catch {
            throw CommandLineError(error)
        }
        let database = try self.database.open()
        let scope = RecordScope(services: services, window: try range.resolve(), minLevel: level.flatMap { Level(word: $0) } ?? .unknown)
        let question = GrepQuestion(search, in: scope, context: context.span, maxMatches: maxCount)
        var out = OutputBuffer()
        if count {
            let perService = try database.grepCounts(question)
            let table = TextTable(header: ["SERVICE", "RECORDS"])
            for (service, n) in perService { table.add([service, String(n)]) }
            for line in table.lines(rightAligned: [1]) { out.line(line) }
            out.flush()
            // As grep: the counts are printed, 0 too, and the status says whether anything matched.
            if !perService.contains(where: { $0.records > 0 }) { throw ExitCode(1) }
            return
        }
        let render = LogLines(format: output, style: try ShortStyle(utc: range.utc, colour: Terminal.colourAllowed, database: database),
                              highlight: search)
        // Rendered where the records are read when the search allows it; else record by record.
        let matched = try database.grepLines(question, render: render.grepRendering,
                                             gap: { render.line(.gap($0)) }, write: { out.write(bytes: $0) })
            ?? database.grep(question) { entry in
                if let line = render.line(entry) { out.line(line) }
            }
        guard matched else { throw ExitCode(1) }
        out.flush()
    }
}
