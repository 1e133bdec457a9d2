import ACLogTextSearch

/// A `match` rule's regular expression, as `grep -E` reads it, with a byte search in front: most
/// messages lack the literal every match holds, and are passed over without `regexec`.
struct MessageMatcher {
    let regex: ExtendedRegex
    /// Bytes every match contains (lower case when `caseless`), or nil when the pattern has none.
    let literal: [UInt8]?
    let caseless: Bool

    init(_ pattern: String) throws(ExtendedRegex.Invalid) {
        regex = try ExtendedRegex(pattern, perLine: true)
        caseless = pattern.hasPrefix("(?i)")
        let required = RequiredLiteral.of(pattern)
        literal = caseless ? required?.map(ByteSearch.lower) : required
    }

    func matches(_ message: String) -> Bool {
        var message = message
        return message.withUTF8 { bytes in
            if let literal {
                let present = caseless
                    ? ByteSearch.containsIgnoringCase(literal, in: bytes)
                    : ByteSearch.end(of: literal, in: bytes) != nil
                guard present else { return false }
            }
            return regex.firstMatch(in: bytes) != nil
        }
    }
}
