import ACLogTextSearch
import ACLogModel

/// Finds a line's level without knowing its format.
///
/// In order: a JSON `level`/`severity`/`lvl`/`levelname` key (names or bunyan/pino numbers),
/// a logfmt `level=`, a klog header (`E1126 10:00:00.000000`), then, within the first
/// `window` bytes, the first word that is a level and either upper case (`ERROR:`, `| ERROR |`,
/// `INFO:     ...`, `... WARN 1 --- ...`) or in brackets (`[error]`, `[Warning]`, `[Note]`).
public enum LevelDetector {
    public static let window = 120

    public static func detect(_ message: String) -> Level {
        var text = message
        return text.withUTF8 { detect(bytes: $0) }
    }

    static func detect(bytes b: UnsafeBufferPointer<UInt8>) -> Level {
        var start = 0
        while start < b.count, b[start] == UInt8(ascii: " ") || b[start] == UInt8(ascii: "\t") { start += 1 }
        if start < b.count, b[start] == UInt8(ascii: "{"), let level = jsonLevel(b) { return level }
        if let level = logfmtLevel(b) { return level }
        if let level = klogLevel(b, at: start) { return level }
        return wordLevel(b) ?? .unknown
    }

    static let jsonKeys: [[UInt8]] = ["\"level\"", "\"severity\"", "\"lvl\"", "\"levelname\"", "\"log.level\"", "\"loglevel\""].map { Array($0.utf8) }

    static func jsonLevel(_ b: UnsafeBufferPointer<UInt8>) -> Level? {
        for key in jsonKeys {
            guard let keyEnd = ByteSearch.end(of: key, in: b) else { continue }
            var i = keyEnd
            while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
            guard i < b.count, b[i] == UInt8(ascii: ":") else { continue }
            i += 1
            while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: "\"") {
                let valueStart = i + 1
                var j = valueStart
                while j < b.count, b[j] != UInt8(ascii: "\""), j - valueStart < 16 { j += 1 }
                let word = String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<j]), as: UTF8.self)
                if let level = Level(word: word) { return level }
            } else {
                var number = 0
                while i < b.count, b[i] >= 48, b[i] <= 57 { number = number * 10 + Int(b[i] - 48); i += 1 }
                if let level = numericLevel(number) { return level }
            }
        }
        return nil
    }

    /// bunyan and pino numbers.
    static func numericLevel(_ n: Int) -> Level? {
        switch n {
        case 10: .trace
        case 20: .debug
        case 30: .info
        case 40: .warn
        case 50: .error
        case 60: .fatal
        default: nil
        }
    }

    static let logfmtKeys: [[UInt8]] = ["level=", "lvl=", "severity="].map { Array($0.utf8) }

    static func logfmtLevel(_ b: UnsafeBufferPointer<UInt8>) -> Level? {
        for key in logfmtKeys {
            var from = 0
            while let end = ByteSearch.end(of: key, in: b, from: from) {
                let keyStart = end - key.count
                from = end
                guard keyStart == 0 || b[keyStart - 1] == UInt8(ascii: " ") else { continue }
                var i = end
                if i < b.count, b[i] == UInt8(ascii: "\"") { i += 1 }
                let valueStart = i
                while i < b.count, isWordByte(b[i]) { i += 1 }
                let word = String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<i]), as: UTF8.self)
                if let level = Level(word: word) { return level }
            }
        }
        return nil
    }

    /// `I1126 10:00:00.000000    1 main.go:12] msg`
    static func klogLevel(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Level? {
        guard b.count - i >= 14, b[i + 5] == UInt8(ascii: " "), b[i + 8] == UInt8(ascii: ":"), b[i + 11] == UInt8(ascii: ":") else { return nil }
        for k in [1, 2, 3, 4, 6, 7, 9, 10, 12, 13] where !(b[i + k] >= 48 && b[i + k] <= 57) { return nil }
        switch b[i] {
        case UInt8(ascii: "I"): return .info
        case UInt8(ascii: "W"): return .warn
        case UInt8(ascii: "E"): return .error
        case UInt8(ascii: "F"): return .fatal
        default: return nil
        }
    }

    /// Upper-case words that name a level on their own. Mixed-case ones count only in brackets.
    static let bareWords: Set<String> = [
        "TRACE", "DEBUG", "INFO", "NOTICE", "SUCCESS", "WARN", "WARNING", "ERROR", "ERR", "CRITICAL", "CRIT", "FATAL", "PANIC", "SEVERE", "EMERG", "ALERT",
    ]

    static func wordLevel(_ b: UnsafeBufferPointer<UInt8>) -> Level? {
        let limit = min(b.count, window)
        var i = 0
        while i < limit {
            guard isWordByte(b[i]) else { i += 1; continue }
            let start = i
            while i < b.count, isWordByte(b[i]) { i += 1 }
            let length = i - start
            guard length >= 3, length <= 9 else { continue }
            let before: UInt8 = start > 0 ? b[start - 1] : UInt8(ascii: " ")
            let after: UInt8 = i < b.count ? b[i] : UInt8(ascii: " ")
            let word = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            if before == UInt8(ascii: "["), after == UInt8(ascii: "]") {
                if let level = Level(word: word) { return level }
                continue
            }
            guard isSeparator(before), isSeparator(after) || after == UInt8(ascii: ":"),
                  bareWords.contains(word), let level = Level(word: word) else { continue }
            return level
        }
        return nil
    }

    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }

    static func isSeparator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "|") || c == UInt8(ascii: "[")
            || c == UInt8(ascii: "]") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "(") || c == UInt8(ascii: ")")
    }
}
