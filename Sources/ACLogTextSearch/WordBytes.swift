/// The bytes that continue a word on either side of a whole-word match in ASCII text, as the
/// POSIX classes of `grep -w` read them: letters and digits (`[[:alnum:]]`), and the underscore
/// where asked (`[[:alnum:]_]`).
public struct WordBytes: Sendable {
    public let underscore: Bool

    public static let alphanumeric = WordBytes(underscore: false)
    public static let alphanumericOrUnderscore = WordBytes(underscore: true)

    @inline(__always) public func contains(_ c: UInt8) -> Bool {
        SubstringFinder.isLetter(c) || (c >= 48 && c <= 57) || (underscore && c == 95)
    }
}

extension SubstringFinder {
    /// Whether the needle occurs in `text` with no byte of `word` right before or after it.
    public func occursWhole(in text: UnsafeBufferPointer<UInt8>, between word: WordBytes) -> Bool {
        var from = 0
        while let at = firstOccurrence(in: text, from: from) {
            let end = at + count
            if (at == 0 || !word.contains(text[at - 1])) && (end == text.count || !word.contains(text[end])) { return true }
            from = at + 1
        }
        return false
    }
}
