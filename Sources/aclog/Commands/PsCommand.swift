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

    @Option(name: [.customShort("o"), .customLong("output")], help: "table (default) or json (one object per line).")
    var output: Format = .table

    @Flag(name: .long, help: "Print times in UTC instead of local time.")
    var utc = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let reader = try database.openReader()
        let rows = try reader.containerSummaries()
        var out = OutputBuffer()
        switch output {
        case .json:
            for row in rows { out.line(Self.json(row)) }
        case .table:
            let time = { (t: Int64?) in t.map { Timestamp.display($0, utc: utc).prefix(19).description } ?? "-" }
            let table = TextTable(header: ["SERVICE", "NAME", "ID", "IMAGE", "STATE", "FIRST RECORD", "LAST RECORD", "RECORDS", "RESTARTS", "OOM", "EXIT"])
            for row in rows {
                let state = row.health.map { "\(row.state) (\($0))" } ?? row.state
                table.add([row.service, row.name, String(row.containerID.prefix(12)), row.image, state,
                           time(row.firstRecord), time(row.lastRecord), String(row.records), String(row.restarts),
                           String(row.oomKills), row.lastExitCode.map(String.init) ?? "-"])
            }
            for line in table.lines(rightAligned: [7, 8, 9, 10]) { out.line(line) }
        }
        out.flush()
    }

    static func json(_ r: ContainerSummary) -> String {
        let time = { (t: Int64?) in t.map { "\"\(Timestamp.rfc3339($0))\"" } ?? "null" }
        return "{\"service\":\(JSONString.quoted(r.service)),\"name\":\(JSONString.quoted(r.name)),"
            + "\"id\":\"\(r.containerID)\",\"image\":\(JSONString.quoted(r.image)),\"state\":\(JSONString.quoted(r.state)),"
            + "\"first_record\":\(time(r.firstRecord)),\"last_record\":\(time(r.lastRecord)),"
            + "\"records\":\(r.records),\"restarts\":\(r.restarts),\"oom_kills\":\(r.oomKills),"
            + "\"last_exit_code\":\(r.lastExitCode.map(String.init) ?? "null"),\"health\":\(r.health.map(JSONString.quoted) ?? "null")}"
    }
}
