import ACLogModel

/// Counts a request once when two formats of one container log it: uvicorn's (or gunicorn's,
/// nginx's) access line and the application's middleware line (loguru's `GET /api 200
/// time_cost=...`). The rule: two records of one container, read by different formats, with the
/// same method, path (without its query) and status, less than `window` apart, are one request;
/// the second of them keeps its fields (`--field http.status` finds both) but is not counted
/// again. Records of one format are never paired: two equal requests logged by one server are two.
public struct RequestPairing: Sendable {
    public static let window: Int64 = 1_000_000_000

    private struct Seen {
        var identity: RequestIdentity
        var format: Int?
        var time: Int64
        var paired = false
    }

    private var recent: [Seen] = []

    public init() {}

    /// Takes the request of `record` off the count when it is the second line of one already counted.
    public mutating func count(_ record: inout LogRecord) {
        guard let identity = record.request, record.httpStatus != nil else { return }
        recent.removeAll { abs(record.time - $0.time) >= 4 * Self.window }
        if let i = recent.firstIndex(where: { !$0.paired && $0.identity == identity && $0.format != record.format
                                              && abs(record.time - $0.time) < Self.window }) {
            recent[i].paired = true
            record.httpStatus = nil
            return
        }
        recent.append(Seen(identity: identity, format: record.format, time: record.time))
        if recent.count > 256 { recent.removeFirst(recent.count - 256) }
    }
}
