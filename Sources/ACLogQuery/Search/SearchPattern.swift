import ACLogTextSearch
import ACLogModel
import ACLogSQLite

/// What `aclog grep` looks for, and how the full-text index can narrow it.
///
/// - text (the default): the pattern anywhere in a record, whatever its case, its words in order
///   with any spaces or punctuation between them: `Connection refused` finds "connection refused",
///   "Connection  refused:" and "ECONNECTION REFUSEDX"; so it finds whatever `grep -F -i` finds.
///   With `-w` (`wholeWords`) the first and last word must be whole. The index narrows it by the
///   words it must hold whole (those between two others), and the last word as a prefix; a single
///   word may stand inside a longer one, which only a scan finds.
/// - fixed (`-F`): the exact substring, case-sensitive unless `-i`; the index narrows it by the
///   words that stand whole inside the pattern, if any.
/// - regex (`-E`): an extended regular expression, as `grep -E` reads it (`ExtendedRegex`); the
///   index narrows it by words the pattern bounds on both sides (`\bword\b`, ` word `) in every
///   alternative.
///
/// Like grep, every kind matches within a line: in a multi-line record (a traceback) `^` and `$`
/// match at the start and end of each of its lines, and `.` does not match a line break.
public struct SearchPattern: Sendable {
    public enum Mode: Sendable { case text, fixed, regex }

    public let text: String
    public let mode: Mode
    public let ignoreCase: Bool
    public let wholeWords: Bool
    /// With `wholeWords` the pattern is wrapped in the characters around the word, and group 1 is
    /// the match itself.
    let expression: ExtendedRegex
    private(set) var substringIsPattern = SubstringIsPattern.never

    public typealias Invalid = ExtendedRegex.Invalid

    /// The same for two patterns only when they match alike.
    public var identity: String { "\(mode) i=\(ignoreCase) w=\(wholeWords) \(text)" }

    public init(_ text: String, mode: Mode, ignoreCase: Bool = false, wholeWords: Bool = false) throws(Invalid) {
        self.text = text
        self.mode = mode
        self.ignoreCase = ignoreCase || mode == .text
        self.wholeWords = wholeWords
        var source: String
        var caseless = self.ignoreCase
        switch mode {
        case .text:
            let words = Self.words(text)
            // Between and around the words: anything that is not a letter or digit.
            source = words.isEmpty ? Self.escaped(text) : words.map(Self.escaped).joined(separator: "[^[:alnum:]]+")
        case .fixed: source = Self.escaped(text)
        case .regex:
            // A leading (?i) must stay leading when the pattern is wrapped for -w.
            source = text.hasPrefix("(?i)") ? String(text.dropFirst(4)) : text
            caseless = caseless || source != text
        }
        // POSIX has no lookaround: the characters around a whole word are matched too, and the
        // word is group 1.
        if mode == .text && wholeWords {
            source = "(?:^|[^[:alnum:]])(" + source + ")(?:[^[:alnum:]]|$)"
        } else if wholeWords {
            source = "(?:^|[^[:alnum:]_])(" + source + ")(?:[^[:alnum:]_]|$)"
        }
        // Words and fixed strings are escaped; only a user's regular expression can be invalid.
        do {
            expression = try ExtendedRegex(source, ignoreCase: caseless, perLine: true)
        } catch {
            throw Invalid(pattern: text, reason: error.reason)
        }
        substringIsPattern = Self.substringIsPattern(self)
    }

    /// The FTS5 query that finds a superset of the matches, or nil when only a scan can. The index
    /// knows which records hold a word, not where (detail=none): a phrase is asked for as all of
    /// its words, and the records found are checked for the phrase. The numbers of dates and times
    /// are not in the index (`IndexedWords`): they are left to that check.
    public var ftsQuery: String? {
        switch mode {
        case .text:
            let words = Self.words(text)
            if wholeWords {
                let kept = words.filter(IndexedWords.keeps)
                return kept.isEmpty ? nil : kept.map { Self.phrase([$0]) }.joined(separator: " AND ")
            }
            // Between two others a word is a whole token; the last one begins a token (a prefix
            // query), unless it is all digits: short numbers and years are not in the index.
            guard words.count >= 2 else { return nil }
            var terms = words.dropFirst().dropLast().filter(IndexedWords.keeps).map { Self.phrase([$0]) }
            if let last = words.last, last.contains(where: \.isLetter) { terms.append(Self.phrase([last]) + "*") }
            return terms.isEmpty ? nil : terms.joined(separator: " AND ")
        case .fixed:
            let inner = Self.boundedWords(text, wholeAtEdges: wholeWords).filter(IndexedWords.keeps)
            return inner.isEmpty ? nil : inner.map { Self.phrase([$0]) }.joined(separator: " AND ")
        case .regex:
            return Self.regexQuery(text, wholeWords: wholeWords)
        }
    }

    /// Lone words that may stand inside longer ones, in lower case as the index keeps its words:
    /// the default mode's single word, `-F` of letters and digits, or a regular expression of such
    /// words between bars (`timeout|refused`); each of ASCII letters and digits with a letter
    /// among them (a number may stand inside one the index leaves out). A match holds one of them,
    /// and the index narrows it by its words that hold one (`IndexTerms`); nil for any other pattern.
    public var fragments: [[UInt8]]? {
        guard ftsQuery == nil, !wholeWords else { return nil }
        let words: [String]
        switch mode {
        case .text:
            words = Self.words(text)
            guard words.count == 1 else { return nil }
        case .fixed: words = [text]
        case .regex:
            let source = text.hasPrefix("(?i)") ? String(text.dropFirst(4)) : text
            words = source.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        }
        let isDigit = { (c: UInt8) in c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        let fragments = words.map { Array($0.utf8) }
        guard fragments.allSatisfy({ $0.allSatisfy { isDigit($0) || SubstringFinder.isLetter($0) } && $0.contains(where: SubstringFinder.isLetter) })
        else { return nil }
        return fragments.map { $0.map(ByteSearch.lower) }
    }

    /// The FTS5 query for the records that may hold one of `fragments`: any of the words that
    /// contain one, or begin with a word the index cut short.
    static func fragmentQuery(_ candidates: IndexTerms.Candidates, _ fragments: [[UInt8]]) -> String {
        let terms = candidates.words.map { phrase([$0]) } + candidates.prefixes.map { phrase([$0]) + "*" }
        // No word holds one: a query for the first fragment itself, which finds nothing.
        return terms.isEmpty ? phrase([String(decoding: fragments[0], as: UTF8.self)]) : terms.joined(separator: " OR ")
    }

    /// A substring every match contains, for SQLite to filter on before aclog checks; compared
    /// without case when `substringIgnoresCase`.
    public var requiredSubstring: String? {
        switch mode {
        case .fixed: text
        case .text: Self.words(text).max { $0.utf8.count < $1.utf8.count }.map { $0.lowercased() }
        case .regex: RequiredLiteral.of(text).flatMap { String(validating: $0, as: UTF8.self) }
        }
    }

    /// For `-w` of one word (the default mode) or of a fixed string, the bytes that must not stand
    /// right before or after `requiredSubstring` for an occurrence of it to be a match, in an ASCII
    /// message: exactly what the expression around it asks there. Nil for any other pattern.
    var wholeSubstringWordBytes: WordBytes? {
        guard wholeWords, let needle = requiredSubstring, !needle.isEmpty, needle.allSatisfy(\.isASCII), !needle.contains("\n")
        else { return nil }
        switch mode {
        case .text: return Self.words(text).count == 1 ? .alphanumeric : nil
        case .fixed: return .alphanumericOrUnderscore
        case .regex: return nil
        }
    }

    /// Whether `requiredSubstring` is to be found without case: -i, the default mode, or a
    /// regular expression that begins with (?i).
    public var substringIgnoresCase: Bool {
        ignoreCase || (mode == .regex && text.hasPrefix("(?i)"))
    }

    /// The substrings a scan looks for first (without case when `substringIgnoresCase`): every
    /// match holds one of them. `requiredSubstring`, or for a regular expression of alternatives
    /// (`timeout|refused`) each one's literal; none when one is to be found without case and is
    /// not ASCII (only ASCII letters are folded there; the pattern's check folds every letter).
    var scanNeedles: [String] {
        var needles = requiredSubstring.map { [$0] } ?? []
        if needles.isEmpty, mode == .regex, let alternatives = RequiredLiteral.alternatives(of: text) {
            needles = alternatives.compactMap { String(validating: $0, as: UTF8.self) }
            if needles.count < alternatives.count { return [] }
        }
        if needles.contains(where: \.isEmpty) || substringIgnoresCase && needles.contains(where: { !$0.allSatisfy(\.isASCII) }) { return [] }
        return needles
    }

    /// Whether a message that holds `scanNeedles` matches without a check: when that substring is
    /// the whole pattern (a fixed string, or one word in the default mode) and, where case is
    /// folded, the message is ASCII.
    enum SubstringIsPattern { case never, always, inASCII }

    /// When a scan's substring match is a match (`substringMatchIsWhole`), decided once.
    static func substringIsPattern(_ pattern: SearchPattern) -> SubstringIsPattern {
        let needles = pattern.scanNeedles
        guard !pattern.wholeWords, !needles.isEmpty, !needles.contains(where: { $0.contains("\n") }) else { return .never }
        switch pattern.mode {
        case .fixed: break
        case .text: guard words(pattern.text).count == 1 else { return .never }
        // Plain text between the bars, and nothing else (`timeout|refused`, `Connection refused`).
        case .regex:
            let source = pattern.text.hasPrefix("(?i)") ? String(pattern.text.dropFirst(4)) : pattern.text
            let parts = source.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.map(String.init) == needles, !source.contains(where: { "\\^$.?*+()[]{}".contains($0) }) else { return .never }
        }
        guard pattern.substringIgnoresCase else { return .always }
        return needles.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } ? .inASCII : .never
    }

    /// Whether a record the index found must still be checked against the pattern. One whole word
    /// of plain ASCII that the index keeps matches exactly as the index matches it; others
    /// (phrases, prefixes, diacritics, substrings, regexes) need it.
    public var needsCheck: Bool {
        guard mode == .text, wholeWords, text.allSatisfy(\.isASCII) else { return true }
        let words = Self.words(text)
        return words.count > 1 || !words.allSatisfy(IndexedWords.keeps)
    }

    /// Where the pattern matches in `message` (for the check after the index, and highlighting).
    public func ranges(in message: String) -> [Range<String.Index>] {
        var message = message
        let group = wholeWords ? 1 : 0
        let matches = message.withUTF8 { expression.matches(in: $0, resumeAtGroup: group) }
        let utf8 = message.utf8
        return matches.compactMap { match in
            match[group].map { utf8.index(utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound) }
        }
    }

    public func matches(_ message: String) -> Bool {
        expression.matches(message)
    }

    /// The text as a regular expression that matches it literally.
    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\^$.|?*+()[]{}".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Words as FTS5's unicode61 tokenizer splits them: runs of letters and digits.
    static func words(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static func phrase(_ words: [String]) -> String {
        "\"" + words.joined(separator: " ").replacing("\"", with: "\"\"") + "\""
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
            literal = literal.replacing("\\b", with: " ")
            if wholeWords { literal = " " + literal + " " }
            guard !literal.contains(where: { ".*+?{}^$\\".contains($0) }) else { return nil }
            let words = boundedWords(literal, wholeAtEdges: false).filter(IndexedWords.keeps)
            guard !words.isEmpty else { return nil }
            alternatives.append("(" + words.map { phrase([$0]) }.joined(separator: " AND ") + ")")
        }
        return alternatives.joined(separator: " OR ")
    }
}
