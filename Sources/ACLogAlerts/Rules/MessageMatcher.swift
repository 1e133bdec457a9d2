import ACLogTextSearch

/// A `match` rule's regular expression, as `grep -E` reads it, and the literal every match holds:
/// most messages lack it, and are passed over without `regexec` (`RecordJudge` looks for the
/// literals of every rule in one pass).
struct MessageMatcher {
    let regex: ExtendedRegex
    /// Bytes every match contains, or nil when the pattern has none.
    let literal: LiteralSet.Literal?

    init(_ pattern: String) throws(ExtendedRegex.Invalid) {
        regex = try ExtendedRegex(pattern, perLine: true)
        literal = RequiredLiteral.of(pattern).map { LiteralSet.Literal($0, caseless: pattern.hasPrefix("(?i)")) }
    }

    /// Whether the message matches, its literal already found in it (or the pattern having none).
    func matches(_ message: UnsafeBufferPointer<UInt8>) -> Bool {
        regex.firstMatch(in: message) != nil
    }
}
