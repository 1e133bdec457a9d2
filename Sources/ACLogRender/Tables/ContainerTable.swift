import ACLogModel
import ACLogQuery

/// `aclog ps`: a row per container the database knows.
public struct ContainerTable {
    public var utc: Bool

    public init(utc: Bool) {
        self.utc = utc
    }

    /// `statesAsOf`: when the states shown are not current (`CollectorState.statesAsOf`), said under the table.
    public func render(_ rows: [ContainerSummary], statesAsOf: (time: Int64, reason: String)? = nil, into out: inout some LineSink) {
        let time = { (t: Int64?) in t.map { Timestamp.display($0, utc: utc).prefix(19).description } ?? "-" }
        let table = TextTable(header: ["SERVICE", "NAME", "ID", "IMAGE", "STATE", "FIRST RECORD", "LAST RECORD", "RECORDS", "RESTARTS", "OOM", "EXIT", "LAST DEPLOY"])
        for row in rows {
            let state = row.health.map { "\(row.state) (\($0))" } ?? row.state
            table.add([row.service, row.name, String(row.containerID.prefix(12)), row.image, state,
                       time(row.firstRecord), time(row.lastRecord), String(row.records), String(row.restarts),
                       String(row.oomKills), row.lastExitCode.map(String.init) ?? "-", time(row.lastDeploy)])
        }
        for line in table.lines(rightAligned: [7, 8, 9, 10]) { out.line(line) }
        if let asOf = statesAsOf {
            out.line("states as of \(time(asOf.time)): \(asOf.reason)")
        }
    }

    /// `aclog ps -o json`: one object per container.
    public static func json(_ r: ContainerSummary, statesAsOf: Int64? = nil) -> String {
        let time = { (t: Int64?) in t.map { "\"\(Timestamp.rfc3339($0))\"" } ?? "null" }
        return "{\"service\":\(JSONString.quoted(r.service)),\"name\":\(JSONString.quoted(r.name)),"
            + "\"id\":\"\(r.containerID)\",\"image\":\(JSONString.quoted(r.image)),\"state\":\(JSONString.quoted(r.state)),"
            + "\"first_record\":\(time(r.firstRecord)),\"last_record\":\(time(r.lastRecord)),"
            + "\"records\":\(r.records),\"restarts\":\(r.restarts),\"oom_kills\":\(r.oomKills),"
            + "\"last_exit_code\":\(r.lastExitCode.map(String.init) ?? "null"),\"health\":\(r.health.map(JSONString.quoted) ?? "null"),"
            + "\"last_deploy\":\(time(r.lastDeploy)),\"state_as_of\":\(time(statesAsOf))}"
    }
}
