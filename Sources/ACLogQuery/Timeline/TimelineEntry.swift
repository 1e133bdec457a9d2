import ACLogModel

/// One thing that happened to a service, as `aclog timeline` lists it: what a person needs to
/// judge it, and where to see more.
public struct TimelineEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case started, stopped, crashed, oom, unhealthy, healthy
        case restartLoop = "restart_loop"
        case deploy
        case alertFired = "alert_fired"
        case alertResolved = "alert_resolved"
        case errorBurst = "error_burst"
        case newError = "new_error"
        case memoryPeak = "memory_peak"
        case cpuPeak = "cpu_peak"
        case gap

        /// Whether the entry is bad news (shown marked).
        public var isTrouble: Bool {
            switch self {
            case .crashed, .oom, .unhealthy, .restartLoop, .alertFired, .errorBurst, .newError, .memoryPeak, .cpuPeak, .gap: true
            case .started, .stopped, .healthy, .deploy, .alertResolved: false
            }
        }
    }

    public var time: Int64
    /// Nil for what concerns every service (the collector not running).
    public var service: String?
    public var container: String?
    /// The container's row, for an entry of one container's event.
    public var containerRow: Int64?
    public var kind: Kind
    /// `exited with code 3`, `memory 243 MiB of 256 MiB (95 %)`, the signature of a new error.
    public var summary: String
    /// The signature's first line, the old and new images, the span of a burst.
    public var detail: String?
    /// Until when it lasted (a burst, a peak, a gap).
    public var end: Int64?
    /// With `--detail`, for a crash or an OOM kill: what led to it.
    public var context: CrashContext?

    public init(time: Int64, service: String?, container: String? = nil, kind: Kind, summary: String, detail: String? = nil, end: Int64? = nil) {
        self.time = time
        self.service = service
        self.container = container
        self.kind = kind
        self.summary = summary
        self.detail = detail
        self.end = end
    }

    /// The command that shows the records around it.
    public var seeMore: String {
        let moment = Timestamp.rfc3339(time)
        return service.map { "aclog tail \(CommandWord.quoted($0)) --around \(moment)" } ?? "aclog tail --around \(moment)"
    }

    /// The web view's page of the records around it.
    public var webLink: String {
        var query: [(String, String?)] = [("around", Timestamp.rfc3339(time))]
        if let service { query.insert(("service", service), at: 0) }
        return "/logs?" + URLText.query(query)
    }
}

/// The minutes before a crash or an OOM kill: the container's last lines, and its memory and CPU
/// against its limits.
public struct CrashContext: Sendable, Equatable {
    public var lastLines: [StoredRecord]
    /// Over the minutes before (`CrashContext.span`): the highest memory, the last, and the limit (bytes).
    public var memoryMax: Double?
    public var memoryLast: Double?
    public var memoryLimit: Double?
    /// Percent of one core; the limit nil when there is none.
    public var cpuMax: Double?
    public var cpuLimit: Double?

    /// How far before the crash the resources are read.
    public static let span: Int64 = 5 * Timestamp.nanosPerMinute
    /// How many of its last lines are shown.
    public static let lines = 10

    public init(lastLines: [StoredRecord]) {
        self.lastLines = lastLines
    }
}
