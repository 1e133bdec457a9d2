import ACLogModel
import ACLogQuery

/// The closed window of the errors, resources and report pages and their API: `since` (default
/// 24h ago) to `until` (default now), in the CLI's time words, and `bucket` (a duration or auto).
struct WindowParameters {
    var since: Int64
    var until: Int64
    var bucket: Int64?
    var utc: Bool

    init(_ request: WebRequest, now: Int64 = Timestamp.now(), defaultSince: String = "24h") throws(WebQuery.Invalid) {
        let utc = request.flag("utc")
        self.utc = utc
        do {
            since = try TimeExpression.parse(request.parameter("since") ?? defaultSince, now: now, utc: utc)
            until = try request.parameter("until").map { try TimeExpression.parse($0, now: now, utc: utc) } ?? now
        } catch {
            throw WebQuery.Invalid(description: "\(error)")
        }
        guard since < until else {
            throw WebQuery.Invalid(description: "since \(request.parameter("since") ?? defaultSince) is not before until \(request.parameter("until") ?? "now")")
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
