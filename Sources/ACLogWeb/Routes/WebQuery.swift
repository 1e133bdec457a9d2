import ACLogModel
import ACLogQuery

/// The query string of a page or an API call read into the query library's questions, with the
/// CLI's words: `service` (repeated or comma-separated), `since`/`until` (the CLI's time words),
/// `utc`, `level`, `q` with `mode` (text, fixed, regex as grep's default, -F and -E), `i`, `w`,
/// `field` (repeated, as `--field`), `n` (how many), `C` (context). A bad value is a one-line
/// error naming it, as the CLI gives.
struct WebQuery: Sendable {
    var services: [String]
    var window: TimeWindow
    var utc: Bool
    var level: Level
    var pattern: SearchPattern?
    var fields: [FieldFilter]
    var limit: Int?
    var context: Int

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    /// The most records a page or an answer shows at once: more are paged.
    static let largestPage = 5_000

    init(_ request: WebRequest, now: Int64 = Timestamp.now()) throws(Invalid) {
        services = request.parameters("service", splittingCommas: true)
        utc = request.flag("utc")
        // A moment and the span each side of it (`around=02:14&window=5m`): a jump to a time.
        if let around = try request.around(now: now, defaultSpan: 5 * Timestamp.nanosPerMinute) {
            window = TimeWindow(since: around.since, until: around.until)
        } else {
            window = TimeWindow(since: try request.time("since", now: now), until: try request.time("until", now: now))
        }
        if let since = window.since, let until = window.until, since >= until {
            throw Invalid(description: "since \(request.parameter("since") ?? "") is not before until \(request.parameter("until") ?? "")")
        }
        if let word = request.parameter("level") {
            guard let level = Level(word: word) else {
                throw Invalid(description: "invalid level '\(word)': use trace, debug, info, warn, error or fatal")
            }
            self.level = level
        } else {
            level = .unknown
        }
        if let text = request.parameter("q") {
            let mode: SearchPattern.Mode
            switch request.parameter("mode") ?? "text" {
            case "text": mode = .text
            case "fixed", "F": mode = .fixed
            case "regex", "E": mode = .regex
            case let other: throw Invalid(description: "invalid mode '\(other)': use text, fixed or regex")
            }
            do {
                pattern = try SearchPattern(text, mode: mode, ignoreCase: request.flag("i"), wholeWords: request.flag("w"))
            } catch {
                throw Invalid(description: "\(error)")
            }
        } else {
            pattern = nil
        }
        do {
            fields = try request.parameters("field").map { try FieldFilter(parsing: $0) }
        } catch {
            throw Invalid(description: "\(error)")
        }
        limit = try Self.count(request, "n", largest: Self.largestPage)
        context = try Self.count(request, "C", largest: 50) ?? 0
    }

    private static func count(_ request: WebRequest, _ name: String, largest: Int) throws(Invalid) -> Int? {
        guard let text = request.parameter(name) else { return nil }
        guard let n = Int(text), n >= 0 else { throw Invalid(description: "invalid \(name) '\(text)': give a count of 0 or more") }
        return min(n, largest)
    }

    /// The metrics `metric` names (cpu, mem, net, block, pids, all), as `--metric` takes them.
    static func metrics(_ request: WebRequest, default word: String) throws(Invalid) -> [Metric] {
        let choice = request.parameter("metric") ?? word
        guard let metrics = Metric.group(choice) else {
            throw Invalid(description: "metric '\(choice)' is not one of cpu, mem, net, block, pids, all")
        }
        return metrics
    }

    var scope: RecordScope { RecordScope(services: services, window: window, minLevel: level) }

    var filter: RecordFilter { RecordFilter(services: services, minLevel: level, pattern: pattern, fields: fields) }
}

extension WebRequest {
    /// A time parameter in the CLI's words (`1h`, `today`, `2026-11-25 02:00`, RFC 3339), read
    /// against `now` and `utc`; nil when absent.
    func time(_ name: String, now: Int64) throws(WebQuery.Invalid) -> Int64? {
        guard let text = parameter(name) else { return nil }
        do {
            return try TimeExpression.parse(text, now: now, utc: flag("utc"))
        } catch {
            throw WebQuery.Invalid(description: error.description)
        }
    }

    /// A duration parameter (`5m`, `1h`, `7d`); nil when absent.
    /// `around=TIME&window=D`: the span `D` (`defaultSpan` without one) each side of the moment;
    /// nil without `around`.
    func around(now: Int64, defaultSpan: Int64) throws(WebQuery.Invalid) -> (since: Int64, until: Int64)? {
        guard let moment = try time("around", now: now) else { return nil }
        let span = try duration("window") ?? defaultSpan
        guard span > 0 else { throw WebQuery.Invalid(description: "invalid window '\(parameter("window")!)': a duration longer than 0 (5m, 1h ...)") }
        return (moment - span, moment + span)
    }

    func duration(_ name: String) throws(WebQuery.Invalid) -> Int64? {
        guard let text = parameter(name) else { return nil }
        do {
            return try TimeExpression.duration(text)
        } catch {
            throw WebQuery.Invalid(description: "invalid \(name) '\(text)': a duration (5m, 1h, 7d ...)")
        }
    }
}
