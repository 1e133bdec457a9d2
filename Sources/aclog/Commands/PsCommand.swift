import ACLogModel
import ACLogRender
import ArgumentParser

struct PsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ps",
        abstract: "List the containers aclog knows: service, state, first and last record, records, restarts, OOM kills, last exit code.",
        discussion: """
            The states are what the collector saw last: when it is not running, or the Docker engine
            does not answer it, a line under the table (state_as_of in JSON) says as of when.

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
        let asOf = try db.collectorState().statesAsOf
        var out = OutputBuffer()
        switch listing.output {
        case .json: for row in rows { out.line(ContainerTable.json(row, statesAsOf: asOf?.time)) }
        case .table: ContainerTable(utc: listing.utc).render(rows, statesAsOf: asOf, into: &out)
        }
        out.flush()
    }
}
