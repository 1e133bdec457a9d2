import ACLogCollector
import ACLogConfig
import ACLogDocker
import ACLogModel
import ArgumentParser
import FoundationEssentials

/// `aclog collect`'s resource sampling. A flag wins over the configuration file's "sampling".
struct SamplingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("One resource sample per container per interval: the average of docker stats' frames inside it (default 10s).", valueName: "duration"))
    var statsInterval: String?

    @Flag(name: .long, help: "Do not run docker stats: collect logs and events only.")
    var noStats = false

    func apply(to settings: inout CollectorSettings, configuration: Configuration) throws {
        settings.statsEnabled = !noStats && configuration.sampling.enabled
        settings.statsInterval = configuration.sampling.interval
        guard let statsInterval else { return }
        settings.statsInterval = try RetentionOptions.duration(statsInterval, flag: "--stats-interval")
        guard settings.statsInterval >= Timestamp.nanosPerSecond else {
            throw CommandLineError("--stats-interval \(statsInterval) is shorter than docker stats' own 1 s refresh")
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

    /// The configuration's retention with the flags given applied over it.
    func policy(configuration: Configuration) throws -> RetentionPolicy {
        var policy = configuration.retention
        if let keepLogs { policy.logs = keepLogs == "forever" ? nil : try Self.duration(keepLogs, flag: "--keep-logs") }
        if let keepEvents { policy.events = try Self.duration(keepEvents, flag: "--keep-events") }
        if let keepSamples { policy.metrics.raw = try Self.duration(keepSamples, flag: "--keep-samples") }
        if let keepMinutes { policy.metrics.minute = try Self.duration(keepMinutes, flag: "--keep-samples-1m") }
        if let keepHours { policy.metrics.hour = try Self.duration(keepHours, flag: "--keep-samples-1h") }
        if let maxSize {
            guard let bytes = DockerSize.bytes(maxSize), bytes > 0 else {
                throw CommandLineError("--max-size '\(maxSize)' is not a size (500MB, 2GiB, 1TB)")
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
