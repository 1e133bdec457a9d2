import ACLogModel
import ACLogRender
import ArgumentParser
import FoundationEssentials

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The database: its size, the collector's last run, what is stored and kept how long, and the gaps.",
        discussion: """
            Shows the file's size against the collector's size limit, whether the collector runs,
            records, events and resource samples with how long each is kept (the settings the
            collector was started with), and the spans of the last days (--gaps, default 7d) where
            records may be missing, and why.

            Examples:
              aclog status
              aclog status --gaps 30d -o json
            """.asHelpParagraphs
    )

    @Option(name: .long, help: ArgumentHelp("List the gaps of this last span.", valueName: "duration"))
    var gaps = "7d"

    @OptionGroup var listing: ListingOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let now = Timestamp.now()
        let span = try RetentionOptions.duration(gaps, flag: "--gaps")
        let status = try database.open().status(now: now, gapsSince: now - span)
        var out = OutputBuffer()
        switch listing.output {
        case .json: out.line(StatusJSON.object(status))
        case .table: for line in StatusText(utc: listing.utc).lines(status) { out.line(line) }
        }
        out.flush()
    }
}
