import ACLogModel
import ACLogRender
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

    @OptionGroup var listing: ListingOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.open()
        let rows = try db.containerSummaries()
        var out = OutputBuffer()
        switch listing.output {
        case .json: for row in rows { out.line(ContainerTable.json(row)) }
        case .table: ContainerTable(utc: listing.utc).render(rows, into: &out)
        }
        out.flush()
    }
}
