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

    static func largestUnit(_ nanos: Int64) -> (Int64, String) {
        let s = nanos / Timestamp.nanosPerSecond
        for (size, unit) in [(Int64(86_400), "d"), (3_600, "h"), (60, "min")] where s % size == 0 && s != 0 {
            return (s / size, unit)
        }
        return (s, "s")
    }
}
