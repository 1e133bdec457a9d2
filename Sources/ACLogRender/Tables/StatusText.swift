import ACLogModel
import ACLogQuery

/// `aclog status` for people.
public struct StatusText {
    public var utc: Bool

    public init(utc: Bool) {
        self.utc = utc
    }

    func time(_ t: Int64?) -> String { t.map { String(Timestamp.display($0, utc: utc).prefix(19)) } ?? "-" }

    /// How long something is kept: `30 d`, `12 h`, or `for ever`.
    public static func keep(_ nanos: Int64?) -> String {
        nanos.map(DurationText.spaced) ?? "for ever"
    }

    func downtime(_ down: CollectorCoverage.Downtime) -> String {
        DurationText.span(from: down.start, to: down.end, utc: utc) + (down.crashed ? ": the run before stopped without shutting down" : "")
    }

    public func lines(_ s: DatabaseStatus) -> [String] {
        var lines: [String] = []
        let limit = s.settings?.retention.maxBytes.map { " of the \(MetricFormat.bytes(Double($0))) limit" } ?? ""
        lines.append("database    \(s.path)")
        lines.append("            \(MetricFormat.bytes(Double(s.fileBytes))) on disk, \(MetricFormat.bytes(Double(s.usedBytes))) in use\(limit); schema \(s.schemaVersion)"
                     + (s.releasesFreePages ? "" : "; freed pages are reused, not returned (created before schema 5)"))
        if let window = s.exported {
            lines.append("export      of \(time(window.since)) – \(time(window.until)) only (written by aclog export)")
        }
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
        let between = s.coverage.betweenRuns
        if between.isEmpty {
            lines.append("downtime    none between runs")
        } else {
            lines.append("downtime    \(Plural.count(between.count, "span")) between runs, \(DurationText.elapsed(s.coverage.betweenRunsLength)) in all: "
                         + "the next run read back from Docker what containers wrote; resource samples are missing")
            for down in between { lines.append("  " + downtime(down)) }
        }
        for export in s.otlp {
            lines.append("otlp        \(export.endpoint)")
            let behind = export.behind == 0 ? "nothing behind"
                : "\(export.behind) behind" + (export.oldestUnsent.map { ", the oldest from \(time($0)) (\(DurationText.elapsed(max(0, Timestamp.now() - $0))) ago)" } ?? "")
            lines.append("            sent \(export.sent) since \(time(export.started)), \(behind); refused by the receiver \(export.rejected), "
                         + "deleted by retention before they were sent \(export.missed)")
            if let error = export.lastError { lines.append("            failing: \(error); tried again with backoff") }
        }
        if s.gaps.isEmpty {
            lines.append("gaps        none")
        } else {
            let markers = GapLine(json: false, utc: utc, colour: false)
            lines.append("gaps        \(s.gaps.count):")
            for gap in s.gaps { lines.append("  " + markers.line(gap)) }
        }
        return lines
    }
}

/// `aclog status -o json`.
public enum StatusJSON {
    public static func object(_ s: DatabaseStatus) -> String {
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
        let markers = GapLine(json: true, utc: true, colour: false)
        return "{\"path\":\(JSONString.quoted(s.path)),\"file_bytes\":\(s.fileBytes),\"used_bytes\":\(s.usedBytes),"
            + "\"releases_free_pages\":\(s.releasesFreePages),\"schema\":\(s.schemaVersion),\"collector\":\(run),\"settings\":\(settings),"
            + "\"containers\":\(s.containers),\"running_containers\":\(s.runningContainers),\"records\":\(s.records),"
            + "\"oldest_record\":\(time(s.oldestRecord)),\"newest_record\":\(time(s.newestRecord)),\"events\":\(s.events),"
            + "\"samples\":{\"raw\":\(s.samples[.raw] ?? 0),\"1m\":\(s.samples[.minute] ?? 0),\"1h\":\(s.samples[.hour] ?? 0)},"
            + "\"gaps\":[\(s.gaps.map(markers.line).joined(separator: ","))],"
            + "\"downtimes\":[\(s.coverage.betweenRuns.map(downtime).joined(separator: ","))],"
            + "\"export\":\(s.exported.map { "{\"since\":\(time($0.since)),\"until\":\(time($0.until))}" } ?? "null"),"
            + "\"otlp\":[\(s.otlp.map(otlp).joined(separator: ","))]}"
    }

    static func otlp(_ e: ExportState) -> String {
        let time = { (t: Int64?) in t.map { "\"\(Timestamp.rfc3339($0))\"" } ?? "null" }
        return "{\"endpoint\":\(JSONString.quoted(e.endpoint)),\"sent\":\(e.sent),\"behind\":\(e.behind),\"oldest_unsent\":\(time(e.oldestUnsent)),"
            + "\"rejected\":\(e.rejected),\"missed\":\(e.missed),\"started\":\(time(e.started)),\"last_success\":\(time(e.lastSuccess)),"
            + "\"last_error\":\(e.lastError.map(JSONString.quoted) ?? "null")}"
    }

    static func downtime(_ down: CollectorCoverage.Downtime) -> String {
        "{\"start\":\"\(Timestamp.rfc3339(down.start))\",\"end\":\"\(Timestamp.rfc3339(down.end))\",\"crashed\":\(down.crashed)}"
    }
}
