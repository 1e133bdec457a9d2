/// The longest run of plain characters that every match of an extended regular expression must
/// contain, so a cheap byte search can rule out most texts before `regexec` runs. Conservative: a
/// pattern with alternatives (`|`) outside a group has none, groups and bracket expressions are
/// skipped, and a character a quantifier may drop (`?`, `*`, `{`) ends the run without it.
public enum RequiredLiteral {
    public static func of(_ pattern: String) -> [UInt8]? {
        let chars = Array(pattern.utf8)
        var best: [UInt8] = []
        var run: [UInt8] = []
        func endRun() {
            if run.count > best.count { best = run }
            run = []
        }
        var i = 0
        // A leading (?i) asks for case folding; the literal is then searched without case.
        if chars.starts(with: Array("(?i)".utf8)) { i = 4 }
        while i < chars.count {
            let c = chars[i]
            var literal: UInt8?
            var width = 1
            switch c {
            case UInt8(ascii: "\\"):
                guard i + 1 < chars.count else { return nil }
                let next = chars[i + 1]
                width = 2
                // \b, \w, \d and the like are classes or anchors; an escaped punctuation is itself
                // (but GNU reads `\|` as an alternative too).
                if next == UInt8(ascii: "|") { return nil }
                if !isAlphanumeric(next) { literal = next }
            case UInt8(ascii: "("):
                guard let close = closing(chars, from: i, open: UInt8(ascii: "("), close: UInt8(ascii: ")")) else { return nil }
                width = close - i + 1
            case UInt8(ascii: "["):
                guard let close = bracketEnd(chars, from: i) else { return nil }
                width = close - i + 1
            case UInt8(ascii: "|"):
                return nil
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "?"):
                break
            case UInt8(ascii: "{"):
                guard let close = chars[i...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
                width = close - i + 1
            default:
                literal = c
            }
            let following = i + width < chars.count ? chars[i + width] : 0
            let optional = following == UInt8(ascii: "?") || following == UInt8(ascii: "*") || following == UInt8(ascii: "{")
            if let literal, !optional {
                run.append(literal)
                // `a+` needs one `a`; what follows may not stand right after it.
                if following == UInt8(ascii: "+") { endRun() }
            } else {
                endRun()
            }
            i += width
        }
        endRun()
        return best.isEmpty ? nil : best
    }

    /// For a pattern of alternatives at its top level (`timeout|refused`): each one's required
    /// literal, one of which every match contains; nil when the pattern has no top-level `|` or an
    /// alternative has no literal. A leading (?i) is left to the caller, as with `of`.
    public static func alternatives(of pattern: String) -> [[UInt8]]? {
        var chars = Array(pattern.utf8)
        if chars.starts(with: Array("(?i)".utf8)) { chars.removeFirst(4) }
        var parts: [[UInt8]] = []
        var start = 0
        var i = 0
        while i < chars.count {
            switch chars[i] {
            case UInt8(ascii: "\\"):
                // GNU reads `\|` as an alternative too: too clever to split here.
                if i + 1 < chars.count && chars[i + 1] == UInt8(ascii: "|") { return nil }
                i += 2
            case UInt8(ascii: "("):
                guard let close = closing(chars, from: i, open: UInt8(ascii: "("), close: UInt8(ascii: ")")) else { return nil }
                i = close + 1
            case UInt8(ascii: "["):
                guard let close = bracketEnd(chars, from: i) else { return nil }
                i = close + 1
            case UInt8(ascii: "|"):
                parts.append(Array(chars[start..<i]))
                i += 1
                start = i
            default:
                i += 1
            }
        }
        guard !parts.isEmpty else { return nil }
        parts.append(Array(chars[start...]))
        var literals: [[UInt8]] = []
        for part in parts {
            guard let literal = of(String(decoding: part, as: UTF8.self)) else { return nil }
            literals.append(literal)
        }
        return literals
    }

    static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }

    static func closing(_ chars: [UInt8], from start: Int, open: UInt8, close: UInt8) -> Int? {
        var depth = 0
        var i = start
        while i < chars.count {
            if chars[i] == UInt8(ascii: "\\") { i += 2; continue }
            if chars[i] == UInt8(ascii: "[") { guard let end = bracketEnd(chars, from: i) else { return nil }; i = end + 1; continue }
            if chars[i] == open { depth += 1 }
            if chars[i] == close { depth -= 1; if depth == 0 { return i } }
            i += 1
        }
        return nil
    }

    /// The `]` that ends the bracket expression at `start`: one right after `[` or `[^` is a member.
    static func bracketEnd(_ chars: [UInt8], from start: Int) -> Int? {
        var i = start + 1
        if i < chars.count, chars[i] == UInt8(ascii: "^") { i += 1 }
        if i < chars.count, chars[i] == UInt8(ascii: "]") { i += 1 }
        while i < chars.count {
            if chars[i] == UInt8(ascii: "["), i + 1 < chars.count, chars[i + 1] == UInt8(ascii: ":") || chars[i + 1] == UInt8(ascii: ".") || chars[i + 1] == UInt8(ascii: "=") {
                let kind = chars[i + 1]
                var j = i + 2
                while j + 1 < chars.count, !(chars[j] == kind && chars[j + 1] == UInt8(ascii: "]")) { j += 1 }
                i = j + 2
                continue
            }
            if chars[i] == UInt8(ascii: "]") { return i }
            i += 1
        }
        return nil
    }
}
