import ACLogModel

/// logfmt: `time=... level=warn msg="slow query" duration=1.2s`. Keys other than the message and
/// level go to the fields.
public struct LogfmtFormat: LogFormat {
    public let name = "logfmt"
    public init() {}

    public func parse(_ line: LineBytes) -> ParsedLine? {
        let pairs = Self.pairs(line)
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

    /// `key=value` and `key="quoted value"` pairs, in order. Empty when the line is not logfmt,
    /// found out at its first word on most lines that are not.
    static func pairs(_ line: LineBytes) -> [(key: String, value: String)] {
        var out: [(String, String)] = []
        var i = 0
        while true {
            i = line.skipSpaces(i)
            if i >= line.count { return out }
            let keyStart = i
            var ascii = true
            while i < line.count, line[i] != UInt8(ascii: "=") {
                let c = line[i]
                if c >= 0x80 {
                    ascii = false
                } else if !Self.isKeyByte(c) {
                    return []
                }
                i += 1
            }
            guard i < line.count, i > keyStart else { return [] }
            let key = line.string(keyStart..<i)
            // A key of other scripts: letters and digits as Unicode sees them.
            if !ascii, !key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }) { return [] }
            i += 1
            let value: String
            if i < line.count, line[i] == UInt8(ascii: "\"") {
                guard let close = line.index(of: "\"", from: i + 1) else { return [] }
                value = line.string((i + 1)..<close)
                i = close + 1
            } else {
                let end = line.index(of: " ", from: i) ?? line.count
                value = line.string(i..<end)
                i = end
            }
            out.append((key, value))
        }
    }

    static func isKeyByte(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 46 || c == 45
    }
}
