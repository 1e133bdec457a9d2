#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `--since` and `--until` accept, resolved to nanoseconds since the epoch.
///
/// `30s 15m 1h 2d 1w` (that long ago), also as journalctl takes them: `-1h`, `+1h` (from now),
/// `1 hour ago`, `2 days 3 hours ago`; `now`, `today`, `yesterday`, `tomorrow`; a time of today
/// `08:55[:SS]`; RFC 3339 with `Z` or an offset, `YYYY-MM-DD` and `YYYY-MM-DD HH:MM[:SS[.fff]]`
/// (local time, or UTC when `utc`).
public enum TimeExpression {
    public struct InvalidTime: Error, CustomStringConvertible, Equatable {
        public let text: String
        public var description: String {
            "invalid time '\(text)': use 30s, 15m, 1h, 2d, 1w, '1 hour ago', -1h, now, today, yesterday, tomorrow, 08:55, 2026-11-25, '2026-11-25 02:00' or 2026-11-25T02:00:00Z"
        }
    }

    public static func parse(_ text: String, now: Int64 = Timestamp.now(), utc: Bool = false) throws(InvalidTime) -> Int64 {
        let trimmed = text.trimmingSpaces
        if let ago = relative(trimmed) ?? spelled(trimmed) { return now - ago }
        if let sign = trimmed.first, sign == "-" || sign == "+", let span = relative(String(trimmed.dropFirst())) {
            return sign == "-" ? now - span : now + span
        }
        switch trimmed.lowercased() {
        case "now": return now
        case "today": return startOfDay(now, utc: utc)
        case "yesterday": return startOfDay(startOfDay(now, utc: utc) - 1, utc: utc)
        case "tomorrow": return startOfDay(startOfDay(now, utc: utc) + 86_400 * Timestamp.nanosPerSecond + 3_600 * Timestamp.nanosPerSecond, utc: utc)
        default: break
        }
        if trimmed.count <= 8, trimmed.contains(":"),
           let today = wallClock(String(Timestamp.display(startOfDay(now, utc: utc), utc: utc).prefix(10)) + " " + trimmed, utc: utc) {
            return today
        }
        if let absolute = Timestamp.parseRFC3339(trimmed) { return absolute }
        if let wall = wallClock(trimmed, utc: utc) { return wall }
        throw InvalidTime(text: text)
    }

    /// A duration as users write it (`5m`, `1h`, `1d`, `1h30m`), in nanoseconds.
    public static func duration(_ text: String) throws(InvalidTime) -> Int64 {
        guard let value = relative(text.trimmingSpaces), value > 0 else { throw InvalidTime(text: text) }
        return value
    }

    /// `90s`, `15m`, `1h`, `2d`, `1w`, also `1h30m`: a duration in nanoseconds.
    static func relative(_ text: String) -> Int64? {
        var total: Int64 = 0
        var number: Int64 = 0
        var sawDigit = false
        var sawUnit = false
        for c in text.utf8 {
            if c >= 48 && c <= 57 {
                let (m, o1) = number.multipliedReportingOverflow(by: 10)
                let (n, o2) = m.addingReportingOverflow(Int64(c - 48))
                if o1 || o2 { return nil }
                number = n
                sawDigit = true
                continue
            }
            guard sawDigit else { return nil }
            let unit: Int64
            switch c {
            case UInt8(ascii: "s"): unit = 1
            case UInt8(ascii: "m"): unit = 60
            case UInt8(ascii: "h"): unit = 3_600
            case UInt8(ascii: "d"): unit = 86_400
            case UInt8(ascii: "w"): unit = 604_800
            default: return nil
            }
            let (part, o) = number.multipliedReportingOverflow(by: unit * Timestamp.nanosPerSecond)
            if o { return nil }
            total += part
            number = 0
            sawDigit = false
            sawUnit = true
        }
        return sawUnit && !sawDigit ? total : nil
    }

    /// `1 hour ago`, `2 days 3 hours ago`, `90 seconds ago`, `1h ago`: journalctl's spelled-out form.
    static func spelled(_ text: String) -> Int64? {
        var words = text.lowercased().split(separator: " ")
        guard words.last == "ago", words.count >= 2 else { return nil }
        words.removeLast()
        if words.count == 1 { return relative(String(words[0])) }
        guard words.count % 2 == 0 else { return nil }
        let units: [String: Int64] = ["s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "m": 60, "min": 60, "mins": 60,
                                      "minute": 60, "minutes": 60, "h": 3_600, "hour": 3_600, "hours": 3_600, "d": 86_400,
                                      "day": 86_400, "days": 86_400, "w": 604_800, "week": 604_800, "weeks": 604_800]
        var total: Int64 = 0
        for i in stride(from: 0, to: words.count, by: 2) {
            guard let n = Int64(words[i]), n >= 0, n < 1_000_000, let unit = units[String(words[i + 1])] else { return nil }
            total += n * unit * Timestamp.nanosPerSecond
        }
        return total > 0 ? total : nil
    }

    /// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS[.fff]` (also with `T`), without a zone.
    static func wallClock(_ text: String, utc: Bool) -> Int64? {
        let b = Array(text.utf8)
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var v = 0
            for i in at..<(at + count) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count >= 10, let year = digits(0, 4), b[4] == UInt8(ascii: "-"), let month = digits(5, 2),
              b[7] == UInt8(ascii: "-"), let day = digits(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction: Int64 = 0
        if b.count > 10 {
            guard b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T"), b.count >= 16,
                  let h = digits(11, 2), b[13] == UInt8(ascii: ":"), let m = digits(14, 2), h < 24, m < 60
            else { return nil }
            hour = h
            minute = m
            if b.count > 16 {
                guard b[16] == UInt8(ascii: ":"), let s = digits(17, 2), s < 61 else { return nil }
                second = s
                if b.count > 19 {
                    guard b[19] == UInt8(ascii: "."), b.count > 20, b.count <= 29 else { return nil }
                    var scale: Int64 = 100_000_000
                    for i in 20..<b.count {
                        guard b[i] >= 48 && b[i] <= 57 else { return nil }
                        fraction += Int64(b[i] - 48) * scale
                        scale /= 10
                    }
                }
            }
        }
        let seconds: Int64
        if utc {
            seconds = Int64(Timestamp.days(year: year, month: month, day: day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        } else {
            var parts = tm()
            parts.tm_year = Int32(year - 1900)
            parts.tm_mon = Int32(month - 1)
            parts.tm_mday = Int32(day)
            parts.tm_hour = Int32(hour)
            parts.tm_min = Int32(minute)
            parts.tm_sec = Int32(second)
            parts.tm_isdst = -1
            seconds = Int64(mktime(&parts))
        }
        return seconds * Timestamp.nanosPerSecond + fraction
    }

    static func startOfDay(_ nanos: Int64, utc: Bool) -> Int64 {
        var t = time_t(nanos.floorDiv(Timestamp.nanosPerSecond))
        var parts = tm()
        if utc { gmtime_r(&t, &parts) } else { localtime_r(&t, &parts) }
        let date = "\(Int(parts.tm_year) + 1900)-\(two(Int(parts.tm_mon) + 1))-\(two(Int(parts.tm_mday)))"
        return wallClock(date, utc: utc)!
    }

    private static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
