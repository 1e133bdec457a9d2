import ACLogModel
import ACLogQuery
import ArgumentParser

/// A time as `--since` and `--until` take it, checked when the arguments are parsed (a bad one is
/// the parser's error, in the same words in every command) and placed against now and `--utc`
/// when the command runs.
struct TimeArgument: Sendable {
    let text: String

    init(parsing text: String) throws {
        _ = try TimeExpression.parse(text)
        self.text = text
    }

    func resolve(now: Int64, utc: Bool) throws -> Int64 {
        try TimeExpression.parse(text, now: now, utc: utc)
    }
}

/// A bucket size: a duration, or `auto` for about 60 buckets over the window.
enum BucketSize: Sendable, Equatable {
    case auto
    case fixed(Int64)

    init(parsing text: String) throws {
        if text == "auto" {
            self = .auto
            return
        }
        do {
            self = .fixed(try TimeExpression.duration(text))
        } catch {
            throw CommandLineError("'\(text)' is not a duration (5m, 1h, 1d ...) nor auto")
        }
    }

    func resolve(window: Int64) -> Int64 {
        switch self {
        case .auto: Trend.autoBucket(range: window)
        case .fixed(let size): size
        }
    }
}

/// `--since`, `--until` and `--utc`, the same in every command that reads a span of time.
struct TimeRangeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Start: 30s, 15m, 1h, 2d, 1w (ago), '1 hour ago', -1h, today, yesterday, 08:55, 2026-11-25, '2026-11-25 02:00', or RFC 3339.", valueName: "time"),
            transform: TimeArgument.init(parsing:))
    var since: TimeArgument?

    @Option(name: .long, help: ArgumentHelp("End (exclusive), in the same forms as --since. Default: now.", valueName: "time"),
            transform: TimeArgument.init(parsing:))
    var until: TimeArgument?

    @Option(name: .long, help: ArgumentHelp("A moment to look around, in the same forms as --since: the window is --window each side of it.", valueName: "time"),
            transform: TimeArgument.init(parsing:))
    var around: TimeArgument?

    @Option(name: .long, help: ArgumentHelp("With --around: how far each side of it (5m, 30m, 1h ...). Default: 5m.", valueName: "duration"),
            transform: { text in
                guard let span = try? TimeExpression.duration(text), span > 0 else { throw CommandLineError("invalid window '\(text)': give a duration longer than 0 (5m, 30m, 1h ...)") }
                return span
            })
    var window: Int64?

    @Flag(name: .long, help: ArgumentHelp(Self.utcHelp))
    var utc = false

    /// What --utc says in every command.
    static let utcHelp = "Read and print times in UTC instead of local time."

    /// The window; `defaultSince` stands in for a --since not given (errors, trend and report: 24h).
    func resolve(now: Int64 = Timestamp.now(), defaultSince: String? = nil, defaultWindow: Int64 = 5 * Timestamp.nanosPerMinute) throws -> TimeWindow {
        if let around {
            if since != nil || until != nil { throw CommandLineError("--around \(around.text) cannot be given with --since or --until: it sets both") }
            let moment = try around.resolve(now: now, utc: utc)
            let span = window ?? defaultWindow
            return TimeWindow(since: moment - span, until: moment + span)
        }
        if window != nil { throw CommandLineError("--window is the span each side of --around: give --around too") }
        let sinceGiven = try since ?? defaultSince.map(TimeArgument.init(parsing:))
        let window = TimeWindow(since: try sinceGiven?.resolve(now: now, utc: utc), until: try until?.resolve(now: now, utc: utc))
        if let start = window.since, let end = window.until ?? (defaultSince == nil ? nil : now), start >= end {
            throw CommandLineError("--since \(sinceGiven!.text) is not before --until \(until?.text ?? "now")")
        }
        return window
    }

    /// A closed window for the commands that need both ends: --since (else `defaultSince` ago)
    /// to --until (else now).
    func closed(now: Int64 = Timestamp.now(), defaultSince: String, defaultWindow: Int64 = 5 * Timestamp.nanosPerMinute) throws -> (since: Int64, until: Int64) {
        let window = try resolve(now: now, defaultSince: defaultSince, defaultWindow: defaultWindow)
        return (window.since!, window.until ?? now)
    }
}

/// `--bucket`, the same wherever a command groups by time.
struct BucketOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Bucket size: 5m, 1h, 1d ..., or auto (about 60 buckets over the window).", valueName: "duration"),
            transform: BucketSize.init(parsing:))
    var bucket: BucketSize?
}
