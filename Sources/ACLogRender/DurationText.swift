import ACLogModel

/// A duration in the largest unit that divides it: `30 d`, `12 h`, `90 min`, `10 s`, or in the
/// compact form the CLI reads back (`30d`, `12h`, `90m`, `10s`).
public enum DurationText {
    public static func spaced(_ nanos: Int64) -> String {
        let (value, unit) = largestUnit(nanos)
        return "\(value) \(unit)"
    }

    public static func compact(_ nanos: Int64) -> String {
        let (value, unit) = largestUnit(nanos)
        return "\(value)\(unit.prefix(1))"
    }

    /// How long something lasted, in its two largest units: `4 min 36 s`, `2 h 5 min`, `3 d 1 h`.
    public static func elapsed(_ nanos: Int64) -> String {
        let s = nanos / Timestamp.nanosPerSecond
        if s >= 86_400 { return "\(s / 86_400) d \(s % 86_400 / 3_600) h" }
        if s >= 3_600 { return "\(s / 3_600) h \(s % 3_600 / 60) min" }
        if s >= 60 { return "\(s / 60) min \(s % 60) s" }
        return "\(s) s"
    }

    /// A span of time and how long it lasted: `2026-11-25 02:10:04 – 02:14:40 (4 min 36 s)`, the
    /// end's date only when it is another day.
    public static func span(from start: Int64, to end: Int64, utc: Bool) -> String {
        let from = Timestamp.display(start, utc: utc).prefix(19)
        let to = Timestamp.display(end, utc: utc).prefix(19)
        return "\(from) – \(from.prefix(10) == to.prefix(10) ? to.dropFirst(11) : to) (\(elapsed(end - start)))"
    }

    static func largestUnit(_ nanos: Int64) -> (Int64, String) {
        let s = nanos / Timestamp.nanosPerSecond
        for (size, unit) in [(Int64(86_400), "d"), (3_600, "h"), (60, "min")] where s % size == 0 && s != 0 {
            return (s / size, unit)
        }
        return (s, "s")
    }
}
