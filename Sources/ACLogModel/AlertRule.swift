/// One rule of the configuration's `alerts.rules`: what to watch (its one trigger), on which
/// services, whom to tell, and how patiently.
public struct AlertRule: Sendable, Equatable {
    public var name: String
    /// The services it watches (compose services or container names); empty: all.
    public var services: [String]
    public var trigger: Trigger
    /// Channel names of `alerts.notify`.
    public var notify: [String]
    /// How long the condition must hold before the alert fires (nanoseconds; nil: at once).
    public var holdFor: Int64?
    /// Within this time after a notification, repeats are counted, not sent (nanoseconds).
    public var cooldown: Int64
    public var severity: Severity

    public static let defaultCooldown: Int64 = 10 * 60 * Timestamp.nanosPerSecond

    public init(name: String, services: [String] = [], trigger: Trigger, notify: [String], holdFor: Int64? = nil,
                cooldown: Int64 = Self.defaultCooldown, severity: Severity = .warning) {
        self.name = name
        self.services = services
        self.trigger = trigger
        self.notify = notify
        self.holdFor = holdFor
        self.cooldown = cooldown
        self.severity = severity
    }

    public enum Severity: String, Sendable, CaseIterable { case info, warning, critical }

    public enum Trigger: Sendable, Equatable {
        /// A message matching a POSIX ERE, at or above `level`, on `stream` if given.
        case match(pattern: String, level: Level?, stream: LogStream?)
        /// Any record at or above this level.
        case level(Level)
        case event(EventTrigger)
        case rate(RateTrigger)
        /// An error signature not seen in the previous `days` days.
        case newSignature(days: Int)
        case resource(ResourceTrigger)
        /// A running service with no records for this long (nanoseconds).
        case silence(Int64)
    }

    public enum EventTrigger: Sendable, Equatable {
        case die(exitCodesIgnored: [Int])
        case oom
        case unhealthy
        case restartLoop(count: Int, within: Int64)
        case deploy
    }

    public struct RateTrigger: Sendable, Equatable {
        public enum Subject: String, Sendable, CaseIterable {
            case errors, fiveXX = "5xx", records

            /// What a count of it is called: `12 errors`, `3 5xx responses`.
            public var words: String {
                switch self {
                case .records: "records"
                case .errors: "errors"
                case .fiveXX: "5xx responses"
                }
            }
        }
        public enum Threshold: Sendable, Equatable {
            case count(Int)
            /// This many times the same hour's average over the previous 7 days.
            case baseline(Double)
        }
        public var of: Subject
        public var over: Int64
        public var threshold: Threshold

        public init(of: Subject, over: Int64, threshold: Threshold) {
            self.of = of
            self.over = over
            self.threshold = threshold
        }
    }

    public enum ResourceTrigger: Sendable, Equatable {
        public enum Metric: String, Sendable, CaseIterable { case cpu, mem }
        /// Above this percent of the container's limit (of one core for CPU without a limit).
        case above(Metric, percent: Double)
        /// Memory's growth trend reaches the limit within this time (nanoseconds).
        case memoryLimitWithin(Int64)
    }
}
