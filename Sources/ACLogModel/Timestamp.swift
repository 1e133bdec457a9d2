#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nanosecond timestamps (Int64, UTC) and their RFC 3339 text forms.
public enum Timestamp {
    public static let nanosPerSecond: Int64 = 1_000_000_000
    public static let nanosPerMinute: Int64 = 60 * nanosPerSecond

    /// The start of the `step`-long span (counted from the epoch) that `time` falls in, before the
    /// epoch too: the minute of the per-minute counts, which the writer counts in and retention
    /// deletes whole, and the buckets of the rollups and queries.
    public static func floor(_ time: Int64, to step: Int64) -> Int64 {
        time - ((time % step) + step) % step
    }

    /// The current time in nanoseconds since the epoch.
    public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * nanosPerSecond + Int64(ts.tv_nsec)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// (year, month, day) of a day count since 1970-01-01.
    public static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Parses RFC 3339 (`2026-11-25T02:00:00Z`, `...T02:00:00.123456789+08:00`, a space for `T`).
    /// Returns nil unless the whole text is one timestamp.
    public static func parseRFC3339(_ text: some StringProtocol) -> Int64? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { parseRFC3339(UnsafeBufferPointer($0), requireEnd: true)?.nanos }
    }

    /// Parses an RFC 3339 timestamp at the start of `bytes`; returns it and how many bytes it took.
    public static func parseRFC3339(_ b: UnsafeBufferPointer<UInt8>, requireEnd: Bool = false) -> (nanos: Int64, length: Int)? {
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var value = 0
            for i in at..<(at + count) {
                let d = Int(b[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard b.count >= 20,
              let year = digits(0, 4), b[4] == UInt8(ascii: "-"),
              let month = digits(5, 2), b[7] == UInt8(ascii: "-"),
              let day = digits(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
              let hour = digits(11, 2), b[13] == UInt8(ascii: ":"),
              let minute = digits(14, 2), b[16] == UInt8(ascii: ":"),
              let second = digits(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        var fraction: Int64 = 0
        if i < b.count && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
            i += 1
            var scale: Int64 = 100_000_000
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Int64(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offsetSeconds = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"), let om = digits(i + 4, 2) else { return nil }
            offsetSeconds = sign * (oh * 3600 + om * 60)
            i += 6
        default:
            return nil
        }
        if requireEnd && i != b.count { return nil }
        let seconds = Int64(days(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        // Nanoseconds since 1970 in an Int64 reach from 1677 to 2262; other years are not a time here.
        let (nanos, overflow) = seconds.multipliedReportingOverflow(by: nanosPerSecond)
        guard !overflow, nanos <= Int64.max - fraction else { return nil }
        return (nanos + fraction, i)
    }

    /// `2026-11-25T02:00:00.123456789Z`: UTC with 9 fraction digits, as Docker prints it.
    public static func rfc3339(_ nanos: Int64) -> String {
        let (seconds, fraction) = split(nanos)
        let (year, month, day) = civil(days: Int(seconds.floorDiv(86_400)))
        let secondOfDay = Int(seconds - seconds.floorDiv(86_400) * 86_400)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(Int(fraction), 9))Z"
    }

    /// `2026-11-25 10:00:00.123` in local time (or UTC when `utc`), for people.
    public static func display(_ nanos: Int64, utc: Bool) -> String {
        let (seconds, fraction) = split(nanos)
        var t = time_t(seconds)
        var parts = tm()
        if utc { gmtime_r(&t, &parts) } else { localtime_r(&t, &parts) }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2)) "
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(Int(fraction / 1_000_000), 3))"
    }

    private static func split(_ nanos: Int64) -> (seconds: Int64, fraction: Int64) {
        let seconds = nanos.floorDiv(nanosPerSecond)
        return (seconds, nanos - seconds * nanosPerSecond)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension Int64 {
    /// Division rounding towards negative infinity.
    package func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
