import ACLogCollector
import ACLogDocker
import ACLogModel
import ACLogStore
import ArgumentParser

/// `aclog collect`'s resource sampling.
struct SamplingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("One resource sample per container per interval: the average of docker stats' frames inside it.", valueName: "duration"))
    var statsInterval = "10s"

    @Flag(name: .long, help: "Do not run docker stats: collect logs and events only.")
    var noStats = false

    func apply(to settings: inout CollectorSettings) throws {
        settings.statsEnabled = !noStats
        settings.statsInterval = try RetentionOptions.duration(statsInterval, flag: "--stats-interval")
        guard settings.statsInterval >= Timestamp.nanosPerSecond else {
            throw CommandLineError("--stats-interval \(statsInterval) is shorter than docker stats' own 1 s refresh")
        }
    }
}

/// How long each kind of data is kept: `aclog collect` applies it continuously, `aclog prune` now.
struct RetentionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("How long log records are kept, or 'forever'.", valueName: "duration"))
    var keepLogs = "30d"

    @Option(name: .long, help: ArgumentHelp("How long container events and recorded gaps are kept.", valueName: "duration"))
    var keepEvents = "365d"

    @Option(name: .long, help: ArgumentHelp("How long raw resource samples are kept.", valueName: "duration"))
    var keepSamples = "7d"

    @Option(name: .customLong("keep-samples-1m"), help: ArgumentHelp("How long the per-minute rollups are kept.", valueName: "duration"))
    var keepMinutes = "90d"

    @Option(name: .customLong("keep-samples-1h"), help: ArgumentHelp("How long the per-hour rollups are kept.", valueName: "duration"))
    var keepHours = "730d"

    @Option(name: .long, help: ArgumentHelp("The most the database may take on disk, WAL included (500MB, 2GiB ...): from 80% of it on, the oldest records go first, whatever their age.", valueName: "size"))
    var maxSize: String?

    func policy() throws -> RetentionPolicy {
        var policy = RetentionPolicy()
        policy.logs = keepLogs == "forever" ? nil : try Self.duration(keepLogs, flag: "--keep-logs")
        policy.events = try Self.duration(keepEvents, flag: "--keep-events")
        policy.metrics.raw = try Self.duration(keepSamples, flag: "--keep-samples")
        policy.metrics.minute = try Self.duration(keepMinutes, flag: "--keep-samples-1m")
        policy.metrics.hour = try Self.duration(keepHours, flag: "--keep-samples-1h")
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
