/// A record's severity, normalised across formats. Stored as its raw value.
public enum Level: Int, Sendable, Comparable, CaseIterable, Codable {
    case unknown = 0, trace, debug, info, warn, error, fatal

    public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

    public var name: String {
        switch self {
        case .unknown: "unknown"
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .warn: "warn"
        case .error: "error"
        case .fatal: "fatal"
        }
    }

    /// Parses a level as users type it (`-p warn`) or as loggers print it (`WARNING`, `err`, `crit`).
    public init?(word: some StringProtocol) {
        switch word.lowercased() {
        case "trace", "trc", "finest", "finer": self = .trace
        case "debug", "dbg", "fine", "verbose": self = .debug
        case "info", "inf", "information", "informational", "notice", "note", "system", "success": self = .info
        case "warn", "warning", "wrn": self = .warn
        case "error", "err", "eror", "severe": self = .error
        case "fatal", "critical", "crit", "panic", "emerg", "emergency", "alert", "dpanic": self = .fatal
        default: return nil
        }
    }
}
