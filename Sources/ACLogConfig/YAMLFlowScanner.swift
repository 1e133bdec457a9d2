/// A YAML value on one line (`ConfigYAMLParser`): a flow collection `[…]` or `{…}`, or a scalar.
struct YAMLFlowScanner {
    let text: Substring
    let line: Int
    var index: Substring.Index

    init(text: Substring, line: Int) {
        self.text = text
        self.line = line
        index = text.startIndex
    }

    static func isBalanced(_ text: String) -> Bool {
        var depth = 0
        var quote: Character?
        for c in text {
            if let open = quote { if c == open { quote = nil }; continue }
            switch c {
            case "\"", "'": quote = c
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            default: break
            }
        }
        return depth <= 0
    }

    mutating func skipSpaces() {
        while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
    }

    /// `topLevel`: a plain scalar runs to the end of the line (commas and brackets included).
    mutating func value(topLevel: Bool) throws(ConfigYAMLParser.Failure) -> ConfigNode {
        skipSpaces()
        guard index < text.endIndex else { return ConfigNode(value: .null, line: line) }
        switch text[index] {
        case "[":
            index = text.index(after: index)
            var items: [ConfigNode] = []
            while true {
                skipSpaces()
                if index < text.endIndex, text[index] == "]" { index = text.index(after: index); break }
                items.append(try value(topLevel: false))
                skipSpaces()
                guard index < text.endIndex else { throw ConfigYAMLParser.Failure(line: line, reason: "a list without its closing ]") }
                if text[index] == "," { index = text.index(after: index); continue }
                guard text[index] == "]" else { throw ConfigYAMLParser.Failure(line: line, reason: "expected , or ] in the list") }
            }
            return ConfigNode(value: .array(items), line: line)
        case "{":
            index = text.index(after: index)
            var entries: [(key: String, node: ConfigNode)] = []
            while true {
                skipSpaces()
                if index < text.endIndex, text[index] == "}" { index = text.index(after: index); break }
                let key = text[index] == "\"" || text[index] == "'" ? try quoted() : plain(until: ":,}")
                skipSpaces()
                guard index < text.endIndex, text[index] == ":" else { throw ConfigYAMLParser.Failure(line: line, reason: "expected : after '\(key)'") }
                index = text.index(after: index)
                entries.append((key, try value(topLevel: false)))
                skipSpaces()
                guard index < text.endIndex else { throw ConfigYAMLParser.Failure(line: line, reason: "a mapping without its closing }") }
                if text[index] == "," { index = text.index(after: index); continue }
                guard text[index] == "}" else { throw ConfigYAMLParser.Failure(line: line, reason: "expected , or } in the mapping") }
            }
            return ConfigNode(value: .object(entries), line: line)
        case "\"", "'":
            return ConfigNode(value: .string(try quoted()), line: line)
        default:
            let word = plain(until: topLevel ? "" : ",]}")
            return ConfigNode(value: Self.scalar(word), line: line)
        }
    }

    /// Plain text up to one of `stops` (or the end), its trailing spaces removed.
    mutating func plain(until stops: String) -> String {
        let start = index
        while index < text.endIndex, !stops.contains(text[index]) { index = text.index(after: index) }
        var word = text[start..<index]
        while word.last == " " { word = word.dropLast() }
        return String(word)
    }

    /// A 'single' (with '' for ') or "double" quoted scalar (with JSON's escapes).
    mutating func quoted() throws(ConfigYAMLParser.Failure) -> String {
        let quote = text[index]
        index = text.index(after: index)
        var out = ""
        while index < text.endIndex {
            let c = text[index]
            index = text.index(after: index)
            if c == quote {
                if quote == "'", index < text.endIndex, text[index] == "'" { out.append("'"); index = text.index(after: index); continue }
                return out
            }
            if quote == "\"", c == "\\", index < text.endIndex {
                let e = text[index]
                index = text.index(after: index)
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\\", "\"", "/": out.append(e)
                case "u":
                    let hex = text[index...].prefix(4)
                    guard hex.count == 4, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                        throw ConfigYAMLParser.Failure(line: line, reason: "\\u needs four hex digits")
                    }
                    out.unicodeScalars.append(scalar)
                    index = text.index(index, offsetBy: 4)
                default: throw ConfigYAMLParser.Failure(line: line, reason: "unknown escape \\\(e) in a quoted string")
                }
                continue
            }
            out.append(c)
        }
        throw ConfigYAMLParser.Failure(line: line, reason: "a quoted string without its closing \(quote)")
    }

    /// YAML 1.2's core schema for a plain scalar.
    static func scalar(_ word: String) -> ConfigNode.Value {
        switch word {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "", "null", "Null", "NULL", "~": return .null
        default:
            if let number = Double(word), word.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true,
               !word.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) {
                return .number(number)
            }
            return .string(word)
        }
    }
}
