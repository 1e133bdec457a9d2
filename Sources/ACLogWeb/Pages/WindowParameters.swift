import ACLogModel
import ACLogQuery

/// The closed window of the errors, resources, timeline and report pages and their API: `since`
/// (default 24h ago) to `until` (default now), or `around` and `window`, in the CLI's time words,
/// and `bucket` (a duration or auto).
struct WindowParameters {
    var since: Int64
    var until: Int64
    var bucket: Int64?
    var utc: Bool

    /// Without `since`: a day before `until`'s default, now.
    static let defaultSince = (text: "24h", span: 24 * 3_600 * Timestamp.nanosPerSecond)

    /// `around` (with `window`, 30m by default) stands for `since` and `until`: the span each side.
    init(_ request: WebRequest, now: Int64 = Timestamp.now()) throws(WebQuery.Invalid) {
        utc = request.flag("utc")
        if let around = try request.around(now: now, defaultSpan: 30 * Timestamp.nanosPerMinute) {
            (since, until) = around
        } else {
            since = try request.time("since", now: now) ?? now - Self.defaultSince.span
            until = try request.time("until", now: now) ?? now
        }
        guard since < until else {
            throw WebQuery.Invalid(description: "since \(request.parameter("since") ?? Self.defaultSince.text) is not before until \(request.parameter("until") ?? "now")")
        }
        if let text = request.parameter("bucket"), text != "auto" {
            do {
                bucket = try TimeExpression.duration(text)
            } catch {
                throw WebQuery.Invalid(description: "invalid bucket '\(text)': a duration (5m, 1h, 1d ...) or auto")
            }
            guard bucket! > 0, (until - since) / bucket! <= 10_000 else {
                throw WebQuery.Invalid(description: "invalid bucket '\(text)': more than 10000 buckets in this window")
            }
        } else {
            bucket = request.parameter("bucket") == "auto" ? Trend.autoBucket(range: until - since) : nil
        }
    }
}
