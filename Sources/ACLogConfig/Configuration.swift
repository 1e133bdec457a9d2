import ACLogModel
import ACLogParsing
import FoundationEssentials

/// aclog's configuration file, read once: every part of aclog reads its own section from this one
/// value. The file is JSON, or YAML (`ConfigYAMLParser`); a key it does not know, a value of the
/// wrong kind or one out of range is refused with its line.
///
///     {
///       "formats":   { "backend": ["loguru", "uvicorn"], "legacy": ["plain"] },
///       "redaction": { "disable": ["key-value-secret"],
///                      "patterns": [ { "name": "employee-id", "pattern": "\\bEMP-[0-9]{6}\\b", "triggers": ["emp-"] } ] },
///       "multiline": { "idle_gap_ms": 1000, "max_bytes": 1048576, "max_lines": 2000 },
///       "retention": { "logs": "14d", "events": "365d", "samples": "7d", "samples_1m": "90d",
///                      "samples_1h": "730d", "max_size": "2GiB" },
///       "sampling":  { "interval": "30s", "enabled": true },
///       "alerts":    { "notify": { "oncall": { "webhook": "https://hooks.example.org/${HOOK_TOKEN}" } },
///                      "rules": [ { "name": "crash", "event": "die", "notify": ["oncall"] } ] }
///     }
public struct Configuration: Sendable {
    /// Formats per service, redaction, multi-line limits: what the collector and `import` parse with.
    public var parsing = ParsingConfiguration()
    /// How long each kind of data is kept, the size limit: the collector and `aclog prune`.
    public var retention = RetentionPolicy()
    /// Resource sampling: one sample per container per `statsInterval`, unless disabled.
    public var sampling = Sampling()
    /// Alert rules and the channels they notify.
    public var alerts = AlertsConfiguration()
    /// The file it was read from; nil for the defaults.
    public var path: String?

    public struct Sampling: Sendable, Equatable {
        public var enabled = true
        public var interval: Int64 = 10 * Timestamp.nanosPerSecond

        public init() {}
    }

    /// The defaults: what aclog does without a file.
    public init() {}

    /// A mistake at a line of the file.
    public struct Mistake: Error {
        public var line: Int
        public var reason: String
    }

    /// Why a file is not a configuration, in one line for the user.
    public struct Invalid: Error, CustomStringConvertible {
        public let path: String
        public let line: Int?
        public let reason: String
        public var description: String { "invalid configuration '\(path)': " + (line.map { "line \($0): " } ?? "") + reason }
    }

    public init(contentsOf path: String) throws(Invalid) {
        guard let text = Self.read(path) else { throw Invalid(path: path, line: nil, reason: "cannot be read") }
        try self.init(text: text, path: path)
    }

    /// `environment` gives what `${NAME}` in a channel's URL stands for.
    public init(text: String, path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(Invalid) {
        self.path = path
        do {
            var file = try ConfigObject(try Self.parse(text, path: path), path: "")
            parsing = try ParsingSection.read(&file)
            if var section = try file.object("retention") { retention = try RetentionSection.read(&section) }
            if var section = try file.object("sampling") { sampling = try SamplingSection.read(&section) }
            if var section = try file.object("alerts") { alerts = try AlertsSection.read(&section, environment: environment) }
            try file.finish()
        } catch {
            throw Invalid(path: path, line: error.line, reason: error.reason)
        }
    }

    /// YAML for a file named `.yaml`/`.yml`, JSON for one named `.json`; another is JSON when its
    /// text starts with `{` or `[`, else YAML.
    static func parse(_ text: String, path: String) throws(Mistake) -> ConfigNode {
        let start = text.first { !$0.isWhitespace }
        let yaml = path.hasSuffix(".yaml") || path.hasSuffix(".yml")
            || (!path.hasSuffix(".json") && start != nil && start != "{" && start != "[")
        do {
            return yaml ? try ConfigYAMLParser.parse(text) : try ConfigJSONParser.parse(text)
        } catch {
            throw Mistake(line: error.line, reason: (yaml ? "not YAML: " : "not JSON: ") + error.reason)
        }
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
