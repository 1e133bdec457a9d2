extension StringProtocol {
    /// The text with `& < > " '` written as entities: safe in HTML and SVG text and in quoted
    /// attributes.
    package var htmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in self {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

extension StringProtocol {
    /// The text as literal Markdown (GitHub's dialect), safe in a table cell: the characters that
    /// start emphasis, code, links, HTML or a heading, and the cell separator `|`, escaped with a
    /// backslash; a line break becomes a space.
    package var markdownEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in self {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~": out += "\\" + String(c)
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}
