#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular expression as `grep -E` reads it: POSIX extended syntax, run by the C library's
/// `regexec` over the text's bytes (the C locale: a character class or `.` sees bytes, and `-i`
/// folds ASCII letters). The GNU escapes `\b \B \w \W \s \S \< \>` work; the common Perl forms
/// `\d`, `\D`, `(?:…)` and a leading `(?i)` are rewritten into POSIX ones (see `ERESyntax`), and
/// what POSIX cannot say (lookaround, lazy quantifiers, `\p{…}`) is an error naming it.
///
/// The C library's engine, not Swift's `Regex`: on log lines it measured 20 to 80 times faster
/// (docs/performance.md), and redaction runs on every line that holds a trigger word.
public final class ExtendedRegex: @unchecked Sendable {
    // @unchecked: the compiled pattern is only read after init; glibc's regexec locks what it
    // caches inside it.
    private let compiled: UnsafeMutablePointer<regex_t>
    /// For each of the pattern's own capturing groups (index 0: the whole match), its number in
    /// the compiled POSIX pattern, where `(?:…)` groups capture too.
    private let groupNumbers: [Int]
    private let slotCount: Int

    public struct Invalid: Error, CustomStringConvertible {
        public let pattern: String
        public let reason: String
        public var description: String { "invalid regular expression '\(pattern)': \(reason)" }

        public init(pattern: String, reason: String) {
            self.pattern = pattern
            self.reason = reason
        }
    }

    /// `perLine`: as grep matches, within one line of a text that has several: `^` and `$` match
    /// at every line's start and end, and `.` or `[^x]` do not match a line break (REG_NEWLINE).
    public init(_ pattern: String, ignoreCase: Bool = false, perLine: Bool = false) throws(Invalid) {
        let syntax: ERESyntax
        do { syntax = try ERESyntax(pattern) } catch { throw Invalid(pattern: pattern, reason: error.reason) }
        compiled = .allocate(capacity: 1)
        let flags = REG_EXTENDED | (ignoreCase || syntax.ignoreCase ? REG_ICASE : 0) | (perLine ? REG_NEWLINE : 0)
        let status = regcomp(compiled, syntax.posix, flags)
        guard status == 0 else {
            var message = [CChar](repeating: 0, count: 256)
            regerror(status, compiled, &message, message.count)
            compiled.deallocate()
            throw Invalid(pattern: pattern, reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        groupNumbers = [0] + syntax.capturingGroups
        slotCount = compiled.pointee.re_nsub + 1
    }

    deinit {
        regfree(compiled)
        compiled.deallocate()
    }

    /// The number of the pattern's own capturing groups.
    public var groupCount: Int { groupNumbers.count - 1 }

    /// The first match that starts at or after byte `start`: the byte ranges of the whole match
    /// ([0]) and of the pattern's groups (nil for a group that took no part).
    public func firstMatch(in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> [Range<Int>?]? {
        guard start <= bytes.count else { return nil }
        var slots = [regmatch_t](repeating: regmatch_t(rm_so: -1, rm_eo: -1), count: slotCount)
        slots[0] = regmatch_t(rm_so: regoff_t(start), rm_eo: regoff_t(bytes.count))
        // REG_STARTEND: the bounds come from slots[0], so the text needs no NUL and may hold one.
        let flags = REG_STARTEND | (start > 0 ? REG_NOTBOL : 0)
        let empty: UInt8 = 0
        let status = withUnsafePointer(to: empty) { nothing in
            let base = UnsafeRawPointer(bytes.baseAddress ?? nothing).assumingMemoryBound(to: CChar.self)
            return regexec(compiled, base, slotCount, &slots, flags)
        }
        guard status == 0 else { return nil }
        return groupNumbers.map { n in
            let slot = slots[n]
            return slot.rm_so < 0 ? nil : Int(slot.rm_so)..<Int(slot.rm_eo)
        }
    }

    /// Every match, left to right, not overlapping; an empty match moves the search on a byte.
    public func matches(in bytes: UnsafeBufferPointer<UInt8>, resumeAtGroup group: Int = 0) -> [[Range<Int>?]] {
        var out: [[Range<Int>?]] = []
        var start = 0
        while let match = firstMatch(in: bytes, from: start), let whole = match[0] {
            out.append(match)
            let end = match[group]?.upperBound ?? whole.upperBound
            start = max(end, whole.lowerBound + 1, start + 1)
            if start > bytes.count { break }
        }
        return out
    }

    public func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { firstMatch(in: $0) != nil }
    }
}
