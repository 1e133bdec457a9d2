import ACLogModel
import ACLogQuery
import ACLogRender
import ACLogSQLite
import ACLogStore
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

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(name: .long, help: ArgumentHelp("List the gaps of this last span.", valueName: "duration"))
    var gaps = "7d"

    @Option(name: [.customShort("o"), .customLong("output")], help: "table (default) or json.")
    var output: Format = .table

    @Flag(name: .long, help: "Print times in UTC.")
    var utc = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let now = Timestamp.now()
        let span = try RetentionOptions.duration(gaps, flag: "--gaps")
        let status = try database.openReader().status(now: now, gapsSince: now - span)
        var out = OutputBuffer()
        switch output {
        case .json: out.line(StatusJSON.object(status))
        case .table: for line in StatusText(utc: utc).lines(status) { out.line(line) }
        }
        out.flush()
    }
}

/// `aclog status` for people.
struct StatusText {
    var utc: Bool

    func time(_ t: Int64?) -> String { t.map { String(Timestamp.display($0, utc: utc).prefix(19)) } ?? "-" }

    /// `30 d`, `12 h`, `90 min`, `10 s`: the largest unit that divides it.
    static func keep(_ nanos: Int64?) -> String {
        guard let nanos else { return "for ever" }
        let s = nanos / Timestamp.nanosPerSecond
        if s % 86_400 == 0 { return "\(s / 86_400) d" }
        if s % 3_600 == 0 { return "\(s / 3_600) h" }
        if s % 60 == 0 { return "\(s / 60) min" }
        return "\(s) s"
    }

    func lines(_ s: DatabaseStatus) -> [String] {
        var lines: [String] = []
        let limit = s.settings?.retention.maxBytes.map { " of the \(MetricFormat.bytes(Double($0))) limit" } ?? ""
        lines.append("database    \(s.path)")
        lines.append("            \(MetricFormat.bytes(Double(s.fileBytes))) on disk, \(MetricFormat.bytes(Double(s.usedBytes))) in use\(limit); schema \(s.schemaVersion)"
                     + (s.releasesFreePages ? "" : "; freed pages are reused, not returned (created before schema 5)"))
        if let run = s.lastRun {
            let state = run.running ? "running since \(time(run.started)) (pid \(run.pid))"
                : run.stopped != nil ? "stopped at \(time(run.stopped)) (ran from \(time(run.started)))"
                : "not running: last seen \(time(run.lastSeen)), it stopped without shutting down"
            lines.append("collector   \(state)")
        } else {
            lines.append("collector   never ran on this database (imported data only)")
        }
        let kept = s.settings?.retention
        lines.append("containers  \(s.containers) (\(s.runningContainers) running)")
        lines.append("records     \(s.records), \(time(s.oldestRecord)) – \(time(s.newestRecord))"
                     + (kept.map { ", kept \(Self.keep($0.logs))" } ?? ""))
        lines.append("events      \(s.events)" + (kept.map { ", kept \(Self.keep($0.events))" } ?? ""))
        lines.append("samples     raw \(s.samples[.raw] ?? 0)" + (kept.map { " (kept \(Self.keep($0.metrics.raw)))" } ?? "")
                     + ", per minute \(s.samples[.minute] ?? 0)" + (kept.map { " (\(Self.keep($0.metrics.minute)))" } ?? "")
                     + ", per hour \(s.samples[.hour] ?? 0)" + (kept.map { " (\(Self.keep($0.metrics.hour)))" } ?? "")
                     + (s.settings.map { $0.statsInterval.map { "; one every \(Self.keep($0))" } ?? "; sampling off" } ?? ""))
        if s.gaps.isEmpty {
            lines.append("gaps        none")
        } else {
            let markers = GapMarkers(gaps: [], format: .short, utc: utc, colour: false)
            lines.append("gaps        \(s.gaps.count):")
            for gap in s.gaps { lines.append("  " + markers.line(gap)) }
        }
        return lines
    }
}

/// `aclog status -o json`.
enum StatusJSON {
    static func object(_ s: DatabaseStatus) -> String {
        let time = { (t: Int64?) in t.map { "\"\(Timestamp.rfc3339($0))\"" } ?? "null" }
        let seconds = { (t: Int64?) in t.map { String($0 / Timestamp.nanosPerSecond) } ?? "null" }
        let run = s.lastRun.map {
            "{\"started\":\(time($0.started)),\"last_seen\":\(time($0.lastSeen)),\"stopped\":\(time($0.stopped)),\"pid\":\($0.pid),\"running\":\($0.running)}"
        } ?? "null"
        let settings = s.settings.map {
            "{\"keep_logs_s\":\(seconds($0.retention.logs)),\"keep_events_s\":\(seconds($0.retention.events)),"
                + "\"keep_samples_s\":\(seconds($0.retention.metrics.raw)),\"keep_samples_1m_s\":\(seconds($0.retention.metrics.minute)),"
                + "\"keep_samples_1h_s\":\(seconds($0.retention.metrics.hour)),\"max_bytes\":\($0.retention.maxBytes.map(String.init) ?? "null"),"
                + "\"stats_interval_s\":\(seconds($0.statsInterval))}"
        } ?? "null"
        let markers = GapMarkers(gaps: [], format: .json, utc: true, colour: false)
        return "{\"path\":\(JSONString.quoted(s.path)),\"file_bytes\":\(s.fileBytes),\"used_bytes\":\(s.usedBytes),"
            + "\"releases_free_pages\":\(s.releasesFreePages),\"schema\":\(s.schemaVersion),\"collector\":\(run),\"settings\":\(settings),"
            + "\"containers\":\(s.containers),\"running_containers\":\(s.runningContainers),\"records\":\(s.records),"
            + "\"oldest_record\":\(time(s.oldestRecord)),\"newest_record\":\(time(s.newestRecord)),\"events\":\(s.events),"
            + "\"samples\":{\"raw\":\(s.samples[.raw] ?? 0),\"1m\":\(s.samples[.minute] ?? 0),\"1h\":\(s.samples[.hour] ?? 0)},"
            + "\"gaps\":[\(s.gaps.map(markers.line).joined(separator: ","))]}"
    }
}
