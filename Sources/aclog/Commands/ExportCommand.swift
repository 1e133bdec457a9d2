import ACLogModel
import ACLogQuery
import ACLogRender
import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "One window of some services, to hand over: an aclog database of its own, JSON lines, or docker logs lines.",
        discussion: """
            -o db (the default) writes a database that every command reads with --db (tail, grep,
            errors, trend, timeline, report, serve) and that says the window it holds (aclog
            status): the records with their search index, the containers' events, resource samples
            of every tier, gaps, the per-minute counts, the collector's runs and the alerts of the
            window, as they are stored (secrets were redacted before they were stored). The window
            is widened to whole minutes. -o jsonl writes the records as `aclog tail -o json` prints
            them; -o docker as `docker logs -t` does, services merged in time order. The file is
            created owner-only, and an existing one is kept unless --force is given. The window is
            the last 24 hours unless --since, --until or --around say otherwise.

            Examples:
              aclog export --since 2h -w incident.db
              aclog export backend --around 02:14 --window 30m -w backend.db
              aclog export --since 1h -o jsonl -w lines.jsonl
              aclog export backend --since 1h -o docker | less
            """.asHelpParagraphs
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case db, jsonl, docker }

    @Argument(help: "Services, container names or id prefixes. None: all.")
    var services: [String] = []

    @OptionGroup var range: TimeRangeOptions

    @Option(name: [.customShort("w"), .customLong("file")], help: ArgumentHelp("The file to write (required for -o db; else stdout).", valueName: "path"))
    var file: String?

    @Flag(name: .long, help: "Replace the file if it exists.")
    var force = false

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The output format.", valueName: "format"))
    var output: Format = .db

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if output == .db && file == nil { throw CommandLineError("-o db writes a database: name its file with -w FILE") }
    }

    func run() throws {
        let (since, until) = try range.closed(defaultSince: "24h")
        let source = try database.open()
        if let file, access(file, F_OK) == 0 {
            guard force else { throw CommandLineError("'\(file)' exists: give --force to replace it, or another name") }
            if file == source.db.path { throw CommandLineError("'\(file)' is the database being exported") }
            for suffix in ["", "-wal", "-shm"] { unlink(file + suffix) }
        }
        let export = WindowExport(services: services, since: since, until: until)
        switch output {
        case .db:
            let written = try export.write(from: source, to: file!)
            Terminal.warn("wrote \(file!): \(written.records) records of \(written.containers) containers, "
                          + "\(Timestamp.display(export.since, utc: range.utc).prefix(19)) to \(Timestamp.display(export.until, utc: range.utc).prefix(19)), \(written.bytes / 1024) KiB")
        case .jsonl, .docker:
            var out = try file.map { path in
                let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
                guard fd >= 0 else { throw CommandLineError("cannot create '\(path)': \(String(cString: strerror(errno)))") }
                return OutputBuffer(fd: fd)
            } ?? OutputBuffer()
            let question = TailQuestion(RecordScope(services: services, window: TimeWindow(since: export.since, until: export.until)), events: false)
            try source.tail(question) { entry in
                guard case .record(let record, _) = entry else { return }
                if output == .jsonl {
                    out.line(RecordFormat.json(record))
                } else {
                    let time = Timestamp.rfc3339(record.time)
                    for line in (record.raw ?? record.message).split(separator: "\n", omittingEmptySubsequences: false) { out.line(time + " " + line) }
                }
            }
            out.flush()
        }
    }
}
