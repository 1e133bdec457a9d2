import Foundation
import Synchronization

/// What `aclog grep` looks for, and how the full-text index can narrow it.
///
/// - words (the default): the pattern's words as a phrase, as the index sees them (case-insensitive,
///   whole words): `Connection refused` finds "connection refused" and "Connection  refused:".
/// - fixed (`-F`): the exact substring, case-sensitive unless `-i`; the index narrows it by the
///   words that stand whole inside the pattern, if any.
/// - regex (`-E`): an extended regular expression; the index narrows it by words the pattern
///   bounds on both sides (`\bword\b`, ` word `) in every alternative.
public struct SearchPattern: Sendable {
    public enum Mode: Sendable { case words, fixed, regex }

    public let text: String
    public let mode: Mode
    public let ignoreCase: Bool
    public let wholeWords: Bool
    /// Compiled on first use: a search the index answers exactly never needs it (ICU's start-up
    /// is a good part of a rare-token grep).
    let expression: LazyExpression

    public struct Invalid: Error, CustomStringConvertible {
        public let text: String
        public var description: String { "invalid regular expression '\(text)'" }
    }

    public init(_ text: String, mode: Mode, ignoreCase: Bool = false, wholeWords: Bool = false) throws(Invalid) {
        self.text = text
        self.mode = mode
        self.ignoreCase = ignoreCase || mode == .words
        self.wholeWords = wholeWords || mode == .words
        var source: String
        switch mode {
        case .words:
            let words = Self.words(text)
            // Between and around the words: anything that is not a letter or digit, as the index sees it.
            source = words.isEmpty ? NSRegularExpression.escapedPattern(for: text)
                : words.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "[^\\p{L}\\p{N}]+")
        case .fixed: source = NSRegularExpression.escapedPattern(for: text)
        case .regex: source = text
        }
        if mode == .words {
            source = "(?<![\\p{L}\\p{N}])(?:" + source + ")(?![\\p{L}\\p{N}])"
        } else if wholeWords {
            source = "(?<![\\p{L}\\p{N}_])(?:" + source + ")(?![\\p{L}\\p{N}_])"
        }
        expression = LazyExpression(pattern: source, options: self.ignoreCase ? [.caseInsensitive] : [])
        // Words and fixed strings are escaped; only a user's regular expression can be invalid.
        if mode == .regex && expression.value == nil { throw Invalid(text: text) }
    }

    /// The FTS5 query that finds a superset of the matches, or nil when only a scan can. The index
    /// knows which records hold a word, not where (detail=none): a phrase is asked for as all of
    /// its words, and the records found are checked for the phrase.
    public var ftsQuery: String? {
        switch mode {
        case .words:
            let words = Self.words(text)
            return words.isEmpty ? nil : words.map { Self.phrase([$0]) }.joined(separator: " AND ")
        case .fixed:
            let inner = Self.boundedWords(text, wholeAtEdges: wholeWords)
            return inner.isEmpty ? nil : inner.map { Self.phrase([$0]) }.joined(separator: " AND ")
        case .regex:
            return Self.regexQuery(text, wholeWords: wholeWords)
        }
    }

    /// A substring every match contains, for SQLite to filter on (`instr`) before aclog checks.
    public var requiredSubstring: String? {
        switch mode {
        case .fixed: text
        case .words: Self.words(text).max { $0.utf8.count < $1.utf8.count }.map { $0.lowercased() }
        case .regex: nil
        }
    }

    /// Whether a record the index found must still be checked against the pattern. One word of
    /// plain ASCII matches exactly as the index matches it; others (phrases, diacritics,
    /// substrings, regexes) need it.
    public var needsCheck: Bool {
        mode != .words || !text.allSatisfy(\.isASCII) || Self.words(text).count > 1
    }

    /// Where the pattern matches in `message` (for the check after the index, and highlighting).
    public func ranges(in message: String) -> [Range<String.Index>] {
        guard let expression = expression.value else { return [] }
        return expression.matches(in: message, range: NSRange(message.startIndex..., in: message)).compactMap { Range($0.range, in: message) }
    }

    public func matches(_ message: String) -> Bool {
        expression.value?.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)) != nil
    }

    /// Words as FTS5's unicode61 tokenizer splits them: runs of letters and digits.
    static func words(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static func phrase(_ words: [String]) -> String {
        "\"" + words.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The words of a fixed string that are bounded inside it on both sides (so they are whole
    /// tokens of any text that contains the string).
    static func boundedWords(_ text: String, wholeAtEdges: Bool) -> [String] {
        let isWord = { (c: Character) in c.isLetter || c.isNumber }
        var out: [String] = []
        var current = ""
        var start = text.startIndex
        var index = text.startIndex
        while index <= text.endIndex {
            let atEnd = index == text.endIndex
            if !atEnd && isWord(text[index]) {
                if current.isEmpty { start = index }
                current.append(text[index])
            } else if !current.isEmpty {
                let leftBounded = start != text.startIndex || wholeAtEdges
                let rightBounded = !atEnd || wholeAtEdges
                if leftBounded && rightBounded { out.append(current) }
                current = ""
            }
            if atEnd { break }
            index = text.index(after: index)
        }
        return out
    }

    /// For `a|b|c` without groups: each alternative's words bounded by `\b` or by literal non-word
    /// characters; an OR of the alternatives' AND-ed words, or nil if any alternative has none.
    static func regexQuery(_ pattern: String, wholeWords: Bool) -> String? {
        guard !pattern.contains("("), !pattern.contains("["), !pattern.contains("\\\\") else { return nil }
        var alternatives: [String] = []
        for alternative in pattern.split(separator: "|", omittingEmptySubsequences: false) {
            var literal = String(alternative)
            // Only plain text and \b may stand in it; any other metacharacter makes it opaque.
            literal = literal.replacingOccurrences(of: "\\b", with: " ")
            if wholeWords { literal = " " + literal + " " }
            guard !literal.contains(where: { ".*+?{}^$\\".contains($0) }) else { return nil }
            let words = boundedWords(literal, wholeAtEdges: false)
            guard !words.isEmpty else { return nil }
            alternatives.append("(" + words.map { phrase([$0]) }.joined(separator: " AND ") + ")")
        }
        return alternatives.joined(separator: " OR ")
    }
}

/// A regular expression compiled when it is first asked for.
final class LazyExpression: Sendable {
    let pattern: String
    let options: NSRegularExpression.Options
    private let compiled = Mutex<NSRegularExpression??>(nil)

    init(pattern: String, options: NSRegularExpression.Options) {
        self.pattern = pattern
        self.options = options
    }

    /// Nil when the pattern does not compile.
    var value: NSRegularExpression? {
        compiled.withLock { cached in
            if let cached { return cached }
            let expression = try? NSRegularExpression(pattern: pattern, options: options)
            cached = .some(expression)
            return expression
        }
    }
}
