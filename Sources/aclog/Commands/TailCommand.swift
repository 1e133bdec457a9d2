import ACLogModel
import ACLogQuery
import ACLogRender
import ACLogSQLite
import ArgumentParser
import FoundationEssentials

struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the records of some services (all by default), merged in time order.",
        discussion: """
            A SERVICE matches a compose service label first, then a container name, then a container
            id prefix. Records of one service stay together across container re-creations.
            Without --since, the last 10 records are shown (change with -n); with --since, all of
            the range. Where records may be missing (the collector is not running, a container
            was removed before it was read) a marker line says which span and why. The
            containers' events (started, exited with a code, OOM-killed, health) are shown dimmed
            among the records (--no-events leaves them out). With -f the new records come in time
            order: one that arrives while an older multi-line record is still being read waits
            until that one is whole (a second after its last line at most); a line says when the
            collector stops and when it runs again.

            Examples:
              aclog tail backend --since 1h
              aclog tail backend redis -n 100
              aclog tail -f                              # everything, as it arrives
              aclog tail --level warn -f                 # warnings and worse, all services
              aclog tail backend --since '2026-11-25 02:00' --until '2026-11-25 03:00'
              aclog tail backend --since 1h -o json      # one JSON object a record
              aclog tail backend --field 'http.status>=500' --since 1h   # failed requests
              aclog tail --field logger=uvicorn --field 'http.path~/api'
            """.asHelpParagraphs
    )

    @Argument(help: "Services, container names or id prefixes. None: all.")
    var services: [String] = []

    @OptionGroup var range: TimeRangeOptions

    @Option(name: [.customShort("n"), .customLong("lines")], help: ArgumentHelp("How many records at most (the newest). Default: all with --since, else 10.", valueName: "n"))
    var lines: Int?

    @Flag(name: [.short, .long], help: "Keep printing new records in time order as they are stored, until interrupted (or until the --until time).")
    var follow = false

    @Flag(name: .customLong("no-events"), help: "Leave out the containers' events (started, exited, OOM-killed, health) shown among the records.")
    var noEvents = false

    @Option(name: [.customShort("p"), .customLong("level")], help: ArgumentHelp("Only records at this level or worse: trace, debug, info, warn, error, fatal.", valueName: "level"))
    var level: String?

    @Option(name: .customLong("field"), help: ArgumentHelp("Only records whose field matches: KEY=V, KEY!=V, KEY>N, KEY>=N, KEY<N, KEY<=N, KEY~TEXT. Repeat to require several.", valueName: "filter"))
    var fieldFilters: [String] = []

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The output format: json is one object a line, raw each line as the container printed it.", valueName: "format"))
    var output: RecordFormat = .short

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let lines, lines < 0 { throw CommandLineError("invalid -n '\(lines)': give a count of 0 or more") }
        if let level, Level(word: level) == nil {
            throw CommandLineError("invalid level '\(level)': use trace, debug, info, warn, error or fatal")
        }
    }

    func run() async throws {
        let fields: [FieldFilter]
        do {
            fields = try fieldFilters.map { try FieldFilter(parsing: $0) }
        } catch {
            throw CommandLineError(error)
        }
        let window = try range.resolve()
        let database = try self.database.open()
        let scope = RecordScope(services: services, window: window, minLevel: level.flatMap { Level(word: $0) } ?? .unknown)
        let question = TailQuestion(scope, newest: lines ?? (window.since == nil ? 10 : nil), fields: fields, events: !noEvents)
        let render = LogLines(format: output, style: try ShortStyle(utc: range.utc, colour: Terminal.colourAllowed, database: database))
        var out = OutputBuffer()
        // The first answer and where following starts are read from one snapshot: a record
        // stored between them would come after newer ones.
        var records = 0
        var live = try database.db.snapshot {
            var live = try LiveTail(question, in: database)
            try database.tail(question) { entry in
                if case .record = entry { records += 1 }
                guard let shown = follow ? live.admit(entry) : entry else { return }
                if let line = render.line(shown) { out.line(line) }
            }
            return live
        }
        // Nothing matched: a field that no record of the range has is a mistake to name.
        if records == 0 {
            do {
                try database.checkFields(of: question)
            } catch let absent as FieldCensus.Absent {
                out.flush()
                throw CommandLineError(absent.description)
            }
        }
        out.flush()
        guard follow else { return }
        // The collector commits every 50 ms while followed (`FollowerPresence`), for this lag of
        // about 150 ms; the web view's live pages, whose limit is a second, do not ask.
        var presence = Throttle(every: FollowerPresence.touchEvery)
        while !live.isDone() {
            try await Task.sleep(for: .milliseconds(25))
            if presence.pass(now: Timestamp.now()) { FollowerPresence.announce(database: database.db.path) }
            for entry in try live.poll(database) {
                if let line = render.line(entry) { out.line(line) }
            }
            out.flush()
        }
    }
}
