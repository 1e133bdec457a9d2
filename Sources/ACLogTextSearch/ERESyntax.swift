/// A pattern rewritten for POSIX `regcomp`: the Perl forms people type out of habit become their
/// POSIX equals, and the ones POSIX has no equal for are refused by name rather than silently
/// meaning something else (`\d` would be a plain `d`, `a*?` an optional `a*`).
///
/// - `\d` `\D` become `[0-9]` `[^0-9]` (inside brackets: `0-9`; `\s` `\w` there: `[:space:]`,
///   `[:alnum:]_`); `\t` `\n` `\r` become the characters.
/// - `(?:…)` becomes a group: `capturingGroups` maps the pattern's own groups to POSIX numbers.
/// - a leading `(?i)` sets `ignoreCase`.
/// - refused: lookaround `(?=` `(?!` `(?<`, other `(?` flags, lazy quantifiers `*?` `+?` `??`
///   `}?`, `\p{…}`, back-references.
struct ERESyntax {
    struct Unsupported: Error {
        let reason: String
    }

    private(set) var posix = ""
    private(set) var ignoreCase = false
    /// The POSIX group number of each capturing group of the original, in order.
    private(set) var capturingGroups: [Int] = []

    init(_ pattern: String) throws(Unsupported) {
        var chars = Array(pattern)
        if chars.starts(with: Array("(?i)")) {
            ignoreCase = true
            chars.removeFirst(4)
        }
        var posixGroups = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                guard i + 1 < chars.count else { throw Unsupported(reason: "it ends with a lone backslash") }
                posix += try Self.escape(chars[i + 1])
                i += 2
                continue
            case "[":
                i = try bracket(chars, from: i)
                continue
            case "(":
                posixGroups += 1
                if i + 1 < chars.count, chars[i + 1] == "?" {
                    let next = i + 2 < chars.count ? chars[i + 2] : " "
                    guard next == ":" else {
                        throw Unsupported(reason: "=!<".contains(next) ? "lookaround assertions are not supported"
                            : "inline flags are supported only as a leading (?i)")
                    }
                    posix += "("
                    i += 3
                    continue
                }
                capturingGroups.append(posixGroups)
                posix += "("
            case "*", "+", "?", "}":
                if i + 1 < chars.count, chars[i + 1] == "?" {
                    throw Unsupported(reason: "lazy quantifiers (\(c)?) are not supported")
                }
                posix.append(c)
            default:
                posix.append(c)
            }
            i += 1
        }
    }

    static func escape(_ c: Character) throws(Unsupported) -> String {
        switch c {
        case "d": return "[0-9]"
        case "D": return "[^0-9]"
        case "t": return "\t"
        case "n": return "\n"
        case "r": return "\r"
        case "p", "P": throw Unsupported(reason: "Unicode properties (\\\(c){…}) are not supported")
        case _ where c.isNumber: throw Unsupported(reason: "back-references are not supported")
        default: return "\\" + String(c)
        }
    }

    /// Copies a bracket expression from `[` at `start`; returns the index after its `]`.
    private mutating func bracket(_ chars: [Character], from start: Int) throws(Unsupported) -> Int {
        var i = start + 1
        var out = "["
        if i < chars.count, chars[i] == "^" { out += "^"; i += 1 }
        var literalBracket = false, literalDash = false
        if i < chars.count, chars[i] == "]" { literalBracket = true; i += 1 }
        var body = ""
        while i < chars.count, chars[i] != "]" {
            let c = chars[i]
            if c == "[", i + 1 < chars.count, ":.=".contains(chars[i + 1]) {
                // [:class:], [.x.], [=x=] stand as they are.
                let close = chars[i + 1]
                var j = i + 2
                while j + 1 < chars.count, !(chars[j] == close && chars[j + 1] == "]") { j += 1 }
                guard j + 1 < chars.count else { throw Unsupported(reason: "a [\(close) in brackets is not closed") }
                body += String(chars[i...(j + 1)])
                i = j + 2
                continue
            }
            if c == "\\", i + 1 < chars.count {
                switch chars[i + 1] {
                case "d": body += "0-9"
                case "s": body += "[:space:]"
                case "w": body += "[:alnum:]_"
                case "t": body += "\t"
                case "n": body += "\n"
                case "]": literalBracket = true
                case "-": literalDash = true
                case "\\": body += "\\"
                case let other: body.append(other)
                }
                i += 2
                continue
            }
            body.append(c)
            i += 1
        }
        guard i < chars.count else { throw Unsupported(reason: "a [ is not closed") }
        // POSIX has no escapes in brackets: a literal ] goes first, a literal - last.
        out += (literalBracket ? "]" : "") + body + (literalDash ? "-" : "") + "]"
        posix += out
        return i + 1
    }
}
