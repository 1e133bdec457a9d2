import ACLogModel
import ACLogQuery
import ACLogRender
import ArgumentParser

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "What happened, in order: crashes, OOM kills, health, deploys, alerts, error bursts, new errors, peaks, gaps.",
        discussion: """
            One time line of the services' starts, stops and crashes (with exit codes), OOM kills,
            health changes, restart loops (3 starts within 5 minutes), deploys (a container
            re-created from another image), alerts fired and resolved, error bursts (minutes with at
            least 5 errors and 3 times the service's usual rate), the first appearance of each error
            signature not seen in the 7 days before, memory at 90 % of its limit or more, CPU at 90 %
            of its limit or more (throttled), and spans where records may be missing. Each entry
            says how to see the records around it. --detail adds, to each crash and OOM kill, the
            container's last lines and its memory and CPU in the 5 minutes before.
            The window is the last 24 hours unless --since, --until or --around (default window
            30m each side) say otherwise.

            Examples:
              aclog timeline --since 6h
              aclog timeline backend --around 02:14 --window 30m --detail
              aclog timeline --since yesterday -o html > incident.html
            """.asHelpParagraphs
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, html }

    @Argument(help: "Services, container names or id prefixes. None: all.")
    var services: [String] = []

    @OptionGroup var range: TimeRangeOptions

    @Flag(name: .long, help: "With each crash and OOM kill, the container's last lines and its resources before it.")
    var detail = false

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The output format.", valueName: "format"))
    var output: Format = .text

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let (since, until) = try range.closed(defaultSince: "24h", defaultWindow: 30 * Timestamp.nanosPerMinute)
        let db = try database.open()
        let entries = try db.timeline(TimelineQuestion(services: services, since: since, until: until, detail: detail))
        var out = OutputBuffer()
        switch output {
        case .text: TimelineText(utc: range.utc).render(entries, window: (since, until), into: &out)
        case .json: TimelineJSON.render(entries, into: &out)
        case .html: TimelineHTML(utc: range.utc).render(entries, window: (since, until), into: &out)
        }
        out.flush()
    }
}
