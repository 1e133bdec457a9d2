import ACLogModel

/// logfmt: `time=... level=warn msg="slow query" duration=1.2s`. Keys other than the message and
/// level go to the fields.
public struct LogfmtFormat: LogFormat {
    public let name = "logfmt"
    public init() {}

    public func parse(_ line: LineBytes) -> ParsedLine? {
        let message = line.text
        let pairs = Self.pairs(message)
        guard pairs.count >= 2, pairs.contains(where: { ["level", "lvl", "msg", "severity"].contains($0.key) }) else { return nil }
        var level = Level.unknown
        var fields = Fields()
        for (key, value) in pairs {
            switch key {
            case "level", "lvl", "severity": level = Level(word: value) ?? .unknown
            case "msg", "message": continue
            case "time", "ts", "t": continue  // the record's time; the line keeps the text
            default:
                if let n = Int(value) { fields.set(key, n) } else { fields.set(key, value) }
            }
        }
        return ParsedLine(level: level, fields: fields)
    }

    /// `key=value` and `key="quoted value"` pairs; nil-free, in order. Empty when the line is not logfmt.
    static func pairs(_ text: String) -> [(key: String, value: String)] {
        var out: [(String, String)] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " }
            guard let eq = rest.firstIndex(of: "="), eq > rest.startIndex else { return rest.isEmpty ? out : [] }
            let key = rest[..<eq]
            guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }) else { return [] }
            var valueStart = rest.index(after: eq)
            var value: Substring
            if valueStart < rest.endIndex, rest[valueStart] == "\"" {
                valueStart = rest.index(after: valueStart)
                guard let close = rest[valueStart...].firstIndex(of: "\"") else { return [] }
                value = rest[valueStart..<close]
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest[valueStart...].firstIndex(of: " ") ?? rest.endIndex
                value = rest[valueStart..<end]
                rest = rest[end...]
            }
            out.append((String(key), String(value)))
        }
        return out
    }
}
