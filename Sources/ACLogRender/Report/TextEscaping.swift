extension StringProtocol {
    /// The text with `& < > " '` written as entities: safe in HTML and SVG text and in quoted
    /// attributes.
    package var htmlEscaped: String {
        replacingCharacters {
            switch $0 {
            case "<": "&lt;"
            case ">": "&gt;"
            case "&": "&amp;"
            case "\"": "&quot;"
            case "'": "&#39;"
            default: nil
            }
        }
    }

    /// The text as literal Markdown (GitHub's dialect), safe in a table cell: the characters that
    /// start emphasis, code, links, HTML or a heading, and the cell separator `|`, escaped with a
    /// backslash; a line break becomes a space.
    package var markdownEscaped: String {
        replacingCharacters {
            switch $0 {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~": "\\" + String($0)
            case "\n", "\r", "\r\n": " "
            default: nil
            }
        }
    }

    /// Each character for which `replacement` gives a text replaced by that text.
    func replacingCharacters(_ replacement: (Character) -> String?) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in self {
            if let text = replacement(c) { out += text } else { out.append(c) }
        }
        return out
    }
}
