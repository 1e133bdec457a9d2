extension StringProtocol {
    /// The text with `& < > " '` written as entities: safe in HTML and SVG text and in quoted
    /// attributes.
    /// Byte by byte: a character that merely begins with one of them (`"` and a combining accent
    /// is one Character) still has its quote escaped.
    package var htmlEscaped: String {
        let bytes = utf8
        guard bytes.contains(where: Self.needsEntity) else { return String(self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func needsEntity(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
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
