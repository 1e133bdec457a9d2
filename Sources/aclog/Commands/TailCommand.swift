import ACLogModel
import ACLogQuery
import ACLogRender
import ACLogSQLite
import ACLogStore
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
            the range. Where records may be missing (the collector was not running, a container
            was removed before it was read) a marker line says which span and why.

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

    @Flag(name: [.short, .long], help: "Keep printing new records as they are stored, until interrupted.")
    var follow = false

    @Option(name: [.customShort("p"), .customLong("level")], help: ArgumentHelp("Only records at this level or worse: trace, debug, info, warn, error, fatal.", valueName: "level"))
    var level: String?

    @Option(name: .customLong("field"), help: ArgumentHelp("Only records whose field matches: KEY=V, KEY!=V, KEY>N, KEY>=N, KEY<N, KEY<=N, KEY~TEXT. Repeat to require several.", valueName: "filter"))
    var fieldFilters: [String] = []

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("short (default), json (one object per line) or raw (as printed).", valueName: "format"))
    var output: RecordFormat = .short

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let lines, lines < 0 { throw CommandLineError("invalid -n '\(lines)': give a count of 0 or more") }
        if let level, Level(word: level) == nil {
            throw CommandLineError("invalid level '\(level)': use trace, debug, info, warn, error or fatal")
        }
    }

    func run() async throws {
        let minLevel = level.flatMap { Level(word: $0) } ?? .unknown
        let fields: [FieldFilter]
        do {
            fields = try fieldFilters.map { try FieldFilter(parsing: $0) }
        } catch {
            throw CommandLineError(error)
        }
        let (since, until) = try range.resolve()
        let reader = try database.openReader()
        let limit = lines ?? (since == nil ? 10 : nil)
        var containers = try resolveContainers(reader)
        let style = try ShortStyle(utc: range.utc, colour: Terminal.colourAllowed, reader: reader)
        var out = OutputBuffer()
        let followFrom = try reader.maxRecordID()
        // What was shown of the records stored after `followFrom`, so that following skips them.
        var shown = Set<Int64>()
        func show(_ record: StoredRecord, _ markers: inout GapMarkers) {
            for marker in markers.before(record.time) { out.line(marker) }
            out.line(output.render(record, style: style))
            if record.id > followFrom { shown.insert(record.id) }
        }
        // Spans with no records inside what is shown: from --since (else the first record shown)
        // to --until (else now).
        var markers = GapMarkers(gaps: [], format: output, utc: range.utc, colour: style.colour)
        func gaps(from: Int64) throws -> GapMarkers {
            let gaps = try reader.coverageGaps(containers: containers, since: from, until: until ?? Timestamp.now())
            return GapMarkers(gaps: gaps, format: output, utc: range.utc, colour: style.colour)
        }
        if let limit {
            let records = try reader.tail(
                containers: containers, since: since ?? Int64.min, until: until ?? Int64.max,
                minLevel: minLevel, limit: limit, fields: fields)
            if let from = since ?? records.first?.time { markers = try gaps(from: from) }
            for record in records { show(record, &markers) }
        } else {
            // A whole range (--since without -n) is printed as it is read, however long it is.
            let from = since ?? Int64.min
            markers = try gaps(from: from)
            try reader.forEachRecord(containers: containers, since: from, until: until ?? Int64.max,
                                     minLevel: minLevel, fields: fields) { show($0, &markers) }
        }
        for marker in markers.rest() { out.line(marker) }
        out.flush()
        guard follow else { return }

        var after = followFrom
        while true {
            try await Task.sleep(for: .milliseconds(250))
            containers = try resolveContainers(reader)
            for record in try reader.records(after: after, containers: containers, minLevel: minLevel, fields: fields) {
                after = max(after, record.id)
                if shown.contains(record.id) { continue }
                if let until, record.time >= until { continue }
                out.line(output.render(record, style: style))
            }
            out.flush()
        }
    }

    func resolveContainers(_ reader: ReadOnlyDatabase) throws -> [Int64] {
        try Self.resolve(services, in: reader)
    }

    /// The container rows that the words name; all of them when there is none.
    static func resolve(_ services: [String], in reader: ReadOnlyDatabase) throws -> [Int64] {
        do {
            if services.isEmpty { return try reader.allContainers() }
            var rows: [Int64] = []
            for word in services { rows += try reader.containers(named: word) }
            return rows
        } catch {
            throw CommandLineError(error)
        }
    }
}
