import ACLogModel
import ACLogQuery
import ACLogRender
import ACLogSQLite
import ACLogStore
import ArgumentParser

struct PsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ps",
        abstract: "List the containers aclog knows: service, state, first and last record, records, restarts, OOM kills, last exit code.",
        discussion: """
            Examples:
              aclog ps
              aclog ps -o json | jq 'select(.restarts > 0)'
            """.asHelpParagraphs
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The output format: table (default) or json (one object per line).", valueName: "format"))
    var output: Format = .table

    @Flag(name: .long, help: ArgumentHelp(TimeRangeOptions.utcHelp))
    var utc = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let reader = try database.openReader()
        let rows = try reader.containerSummaries()
        var out = OutputBuffer()
        switch output {
        case .json: for row in rows { out.line(ContainerTable.json(row)) }
        case .table: ContainerTable(utc: utc).render(rows, into: &out)
        }
        out.flush()
    }
}
