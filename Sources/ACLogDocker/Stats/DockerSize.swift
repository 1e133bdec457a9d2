/// Reads the sizes `docker stats` prints: `0B`, `716KiB`, `1.2kB`, `23.54GiB`, `1.5TB`. Docker
/// (go-units) uses binary units for memory and decimal ones for network and block I/O, and
/// `--` (or nothing) when the container is not running.
public enum DockerSize {
    static let multipliers: [String: Double] = [
        "B": 1,
        "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15,
        "KiB": 1024, "MiB": 1_048_576, "GiB": 1_073_741_824, "TiB": 1_099_511_627_776,
        "PiB": 1_125_899_906_842_624,
    ]

    /// Bytes, or nil for `--`, an empty value and anything unreadable.
    public static func bytes(_ text: some StringProtocol) -> Int64? {
        let trimmed = text.trimmingSpaces
        guard let unitStart = trimmed.firstIndex(where: { $0.isLetter }) else { return nil }
        guard let number = Double(trimmed[..<unitStart]), number.isFinite, number >= 0,
              let multiplier = multipliers[String(trimmed[unitStart...])]
        else { return nil }
        let bytes = (number * multiplier).rounded()
        // Beyond Int64 (8 EiB) is not a size Docker prints; converting it would trap.
        guard bytes < 9.2e18 else { return nil }
        return Int64(bytes)
    }

    /// `1.2kB / 648B` → both sides; each side nil when it is `--`.
    public static func pair(_ text: some StringProtocol) -> (Int64?, Int64?) {
        let sides = text.split(separator: "/", maxSplits: 1)
        guard sides.count == 2 else { return (nil, nil) }
        return (bytes(sides[0]), bytes(sides[1]))
    }

    /// `0.46%` → 0.46; `--`, `NaN%` and empty → nil.
    public static func percent(_ text: some StringProtocol) -> Double? {
        var trimmed = text.trimmingSpaces
        if trimmed.hasSuffix("%") { trimmed.removeLast() }
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }

    /// `12` → 12; `--` → nil.
    public static func count(_ text: some StringProtocol) -> Int64? {
        Int64(text.trimmingSpaces)
    }
}

extension StringProtocol {
    var trimmingSpaces: Substring {
        let s = self[...]
        guard let first = s.firstIndex(where: { $0 != " " }) else { return "" }
        let last = s.lastIndex(where: { $0 != " " })!
        return Substring(s[first...last])
    }
}
