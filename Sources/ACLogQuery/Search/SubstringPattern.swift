/// A substring as SQLite's GLOB and LIKE patterns that hold it anywhere, its wildcards made literal.
enum SubstringPattern {
    /// `*text*` for GLOB (case kept): `*`, `?` and `[` stand for themselves inside brackets.
    static func glob(_ text: String) -> String {
        var out = "*"
        for character in text {
            switch character {
            case "*", "?", "[": out += "[\(character)]"
            default: out.append(character)
            }
        }
        return out + "*"
    }

    /// `%text%` for LIKE … ESCAPE '\' (ASCII case folded).
    static func like(_ text: String) -> String {
        var out = "%"
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "%"
    }
}
