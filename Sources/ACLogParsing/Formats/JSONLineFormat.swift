import ACLogModel
import Foundation

/// One JSON object per line, with the keys of common loggers: zap (`level`, `msg`, `logger`,
/// `caller`), logrus (`level`, `msg`), pino and bunyan (numeric `level`, `msg`, `name`, `pid`),
/// structlog (`event`, `level`), python-json-logger (`levelname`, `message`, `name`), Docker's own.
/// Every other scalar key goes to the fields.
public struct JSONLineFormat: LogFormat {
    public let name = "json"
    public init() {}

    static let levelKeys = ["level", "severity", "lvl", "levelname", "log.level", "loglevel"]
    static let loggerKeys = ["logger", "name", "logger_name", "caller"]
    static let skipped: Set<String> = ["msg", "message", "event", "time", "ts", "timestamp", "@timestamp", "v", "hostname"]

    public func parse(_ line: LineBytes) -> ParsedLine? {
        let message = line.text
        guard message.utf8.first == UInt8(ascii: "{"), message.utf8.last == UInt8(ascii: "}"),
              let object = try? JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any]
        else { return nil }
        var level = Level.unknown
        for key in Self.levelKeys {
            if let word = object[key] as? String, let l = Level(word: word) { level = l; break }
            if let number = object[key] as? Int, let l = LevelDetector.numericLevel(number) { level = l; break }
        }
        var fields = Fields()
        if let logger = Self.loggerKeys.lazy.compactMap({ object[$0] as? String }).first { fields.set("logger", logger) }
        for key in object.keys.sorted() where !Self.levelKeys.contains(key) && !Self.skipped.contains(key) && !Self.loggerKeys.contains(key) {
            switch object[key] {
            case let n as Int: fields.set(key, n)
            case let d as Double: fields.set(key, d)
            case let s as String: fields.set(key, s)
            default: continue
            }
        }
        return ParsedLine(level: level, fields: fields)
    }
}
