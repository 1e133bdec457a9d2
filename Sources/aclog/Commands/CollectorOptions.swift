import ACLogCollector
import ACLogDocker
import ACLogModel
import ACLogQuery
import ACLogRender
import ACLogSQLite
import ACLogStore
import ArgumentParser
import FoundationEssentials

/// `aclog collect`'s resource sampling. A flag wins over the configuration file's "sampling".
struct SamplingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("One resource sample per container per interval: the average of docker stats' frames inside it (default 10s).", valueName: "duration"))
    var statsInterval: String?

    @Flag(name: .long, help: "Do not run docker stats: collect logs and events only.")
    var noStats = false

    func apply(to settings: inout CollectorSettings, file: CollectorFile) throws {
        settings.statsEnabled = !noStats && (file.sampling?.enabled ?? true)
        let interval = statsInterval ?? file.sampling?.interval ?? "10s"
        let flag = statsInterval != nil ? "--stats-interval" : "sampling.interval"
        settings.statsInterval = try RetentionOptions.duration(interval, flag: flag)
        guard settings.statsInterval >= Timestamp.nanosPerSecond else {
            throw CommandLineError("\(flag) \(interval) is shorter than docker stats' own 1 s refresh")
        }
    }
}

/// How long each kind of data is kept: `aclog collect` applies it continuously, `aclog prune` now.
/// A flag wins over the configuration file's "retention", which wins over the defaults.
struct RetentionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("How long log records are kept, or 'forever' (default 30d).", valueName: "duration"))
    var keepLogs: String?

    @Option(name: .long, help: ArgumentHelp("How long container events and recorded gaps are kept (default 365d).", valueName: "duration"))
    var keepEvents: String?

    @Option(name: .long, help: ArgumentHelp("How long raw resource samples are kept (default 7d).", valueName: "duration"))
    var keepSamples: String?

    @Option(name: .customLong("keep-samples-1m"), help: ArgumentHelp("How long the per-minute rollups are kept (default 90d).", valueName: "duration"))
    var keepMinutes: String?

    @Option(name: .customLong("keep-samples-1h"), help: ArgumentHelp("How long the per-hour rollups are kept (default 730d).", valueName: "duration"))
    var keepHours: String?

    @Option(name: .long, help: ArgumentHelp("The most the database may take on disk, WAL included (500MB, 2GiB ...): from 80% of it on, the oldest records go first, whatever their age. Default: no limit.", valueName: "size"))
    var maxSize: String?

    func policy(file: CollectorFile) throws -> RetentionPolicy {
        let kept = file.retention
        var policy = RetentionPolicy()
        func pick(_ flag: String?, _ name: String, _ fromFile: String?, _ key: String, _ fallback: Int64) throws -> Int64 {
            if let flag { return try Self.duration(flag, flag: name) }
            if let fromFile { return try Self.duration(fromFile, flag: "retention.\(key)") }
            return fallback
        }
        let logs = keepLogs ?? kept?.logs
        policy.logs = logs == "forever" ? nil
            : try pick(keepLogs, "--keep-logs", kept?.logs, "logs", policy.logs ?? 0)
        policy.events = try pick(keepEvents, "--keep-events", kept?.events, "events", policy.events)
        policy.metrics.raw = try pick(keepSamples, "--keep-samples", kept?.samples, "samples", policy.metrics.raw)
        policy.metrics.minute = try pick(keepMinutes, "--keep-samples-1m", kept?.samples_1m, "samples_1m", policy.metrics.minute)
        policy.metrics.hour = try pick(keepHours, "--keep-samples-1h", kept?.samples_1h, "samples_1h", policy.metrics.hour)
        if let size = maxSize ?? kept?.max_size {
            let name = maxSize != nil ? "--max-size" : "retention.max_size"
            guard let bytes = DockerSize.bytes(size), bytes > 0 else {
                throw CommandLineError("\(name) '\(size)' is not a size (500MB, 2GiB, 1TB)")
            }
            policy.maxBytes = bytes
        }
        return policy
    }

    static func duration(_ text: String, flag: String) throws -> Int64 {
        do {
            return try TimeExpression.duration(text)
        } catch {
            throw CommandLineError("\(flag) '\(text)' is not a duration (10s, 5m, 1h, 7d, 2w)")
        }
    }
}

/// The collector's part of the configuration file:
///
///     { "retention": { "logs": "14d", "events": "365d", "samples": "7d", "samples_1m": "90d",
///                      "samples_1h": "730d", "max_size": "2GiB" },
///       "sampling":  { "interval": "30s", "enabled": true } }
struct CollectorFile: Decodable {
    struct Retention: Decodable {
        var logs: String?
        var events: String?
        var samples: String?
        var samples_1m: String?
        var samples_1h: String?
        var max_size: String?
    }
    struct Sampling: Decodable {
        var interval: String?
        var enabled: Bool?
    }
    var retention: Retention?
    var sampling: Sampling?

    init() {}

    /// The file's collector settings; none when there is no file.
    static func load(_ options: ConfigOptions) throws -> CollectorFile {
        guard let path = options.path() else { return CollectorFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandLineError("invalid configuration '\(path)': cannot be read")
        }
        do {
            return try JSONDecoder().decode(CollectorFile.self, from: data)
        } catch {
            throw CommandLineError("invalid configuration '\(path)': its retention or sampling is not as expected")
        }
    }
}
