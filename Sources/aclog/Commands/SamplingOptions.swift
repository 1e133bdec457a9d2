import ACLogCollector
import ACLogModel
import ArgumentParser

/// `aclog collect`'s resource sampling: how often, and how long each tier keeps its rows.
struct SamplingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("One resource sample per container per interval: the average of docker stats' frames inside it.", valueName: "duration"))
    var statsInterval = "10s"

    @Flag(name: .long, help: "Do not run docker stats: collect logs and events only.")
    var noStats = false

    @Option(name: .long, help: ArgumentHelp("How long raw samples are kept.", valueName: "duration"))
    var keepSamples = "7d"

    @Option(name: .customLong("keep-samples-1m"), help: ArgumentHelp("How long the per-minute rollups are kept.", valueName: "duration"))
    var keepMinutes = "90d"

    @Option(name: .customLong("keep-samples-1h"), help: ArgumentHelp("How long the per-hour rollups are kept.", valueName: "duration"))
    var keepHours = "730d"

    func settings() throws -> SamplingSettings {
        var settings = SamplingSettings()
        settings.enabled = !noStats
        settings.interval = try Self.duration(statsInterval, flag: "--stats-interval")
        guard settings.interval >= Timestamp.nanosPerSecond else {
            throw CommandLineError("--stats-interval \(statsInterval) is shorter than docker stats' own 1 s refresh")
        }
        settings.retention.raw = try Self.duration(keepSamples, flag: "--keep-samples")
        settings.retention.minute = try Self.duration(keepMinutes, flag: "--keep-samples-1m")
        settings.retention.hour = try Self.duration(keepHours, flag: "--keep-samples-1h")
        return settings
    }

    static func duration(_ text: String, flag: String) throws -> Int64 {
        do {
            return try TimeExpression.duration(text)
        } catch {
            throw CommandLineError("\(flag) '\(text)' is not a duration (10s, 5m, 1h, 7d, 2w)")
        }
    }
}
