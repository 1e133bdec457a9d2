import ACLogModel

/// One JSON object per line, with the keys of common loggers: zap (`level`, `msg`, `logger`,
/// `caller`), logrus (`level`, `msg`), pino and bunyan (numeric `level`, `msg`, `name`, `pid`),
/// structlog (`event`, `level`), python-json-logger (`levelname`, `message`, `name`), Docker's own.
/// Every other scalar key goes to the fields.
public struct JSONLineFormat: LogFormat {
    public let name = "json"
    public var firstBytes: FirstBytes { FirstBytes("{") }
    public init() {}

    static let levelKeys = ["level", "severity", "lvl", "levelname", "log.level", "loglevel"]
    static let loggerKeys = ["logger", "name", "logger_name", "caller"]
    static let skipped: Set<String> = ["msg", "message", "event", "time", "ts", "timestamp", "@timestamp", "v", "hostname"]

    public func parse(_ line: LineBytes) -> ParsedLine? {
        let message = line.text
        var text = message
        guard message.utf8.first == UInt8(ascii: "{"), message.utf8.last == UInt8(ascii: "}"),
              let object = text.withUTF8(JSONObjectScanner.scalars)
        else { return nil }
        var level = Level.unknown
        for key in Self.levelKeys {
            switch object[key] {
            case .string(let word)?: if let l = Level(word: word) { level = l }
            case .int(let number)?: if let l = LevelDetector.numericLevel(number) { level = l }
            default: break
            }
            if level != .unknown { break }
        }
        var fields = Fields()
        let logger = Self.loggerKeys.lazy.compactMap { key -> String? in
            if case .string(let name)? = object[key] { name } else { nil }
        }.first
        if let logger { fields.set("logger", logger) }
        for key in object.keys.sorted() where !Self.levelKeys.contains(key) && !Self.skipped.contains(key) && !Self.loggerKeys.contains(key) {
            if let value = object[key] { fields.set(key, scalar: value) }
        }
        return ParsedLine(level: level, fields: fields)
    }
}
