/// Reads the YAML people write for a configuration into the same `ConfigNode`s as JSON: block
/// mappings and sequences by indentation, flow `[…]` and `{…}` (on one line or several), plain,
/// 'single' and "double" quoted scalars, comments. What a configuration has no use for (anchors,
/// aliases, tags, block scalars, several documents) is refused with its line rather than misread.
/// Plain scalars follow YAML 1.2's core schema: `true`/`false`, `null`/`~`, numbers, else text.
struct ConfigYAMLParser {
    typealias Failure = ConfigJSONParser.Failure

    struct Line {
        var number: Int
        var indent: Int
        var text: Substring
    }

    private var lines: [Line] = []
    private var at = 0

    static func parse(_ text: String) throws(Failure) -> ConfigNode {
        var parser = ConfigYAMLParser()
        try parser.split(text)
        guard let first = parser.lines.first else { return ConfigNode(value: .object([]), line: 1) }
        let node = try parser.block(indent: first.indent)
        if parser.at < parser.lines.count {
            throw Failure(line: parser.lines[parser.at].number, reason: "this line is indented less than the block it follows, or more than its own")
        }
        return node
    }

    /// The lines that hold something, their comments removed.
    private mutating func split(_ text: String) throws(Failure) {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw
            if line.hasSuffix("\r") { line = line.dropLast() }
            let number = index + 1
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if rest.hasPrefix("\t") { throw Failure(line: number, reason: "a tab in the indentation (YAML indents with spaces)") }
            let content = Self.withoutComment(rest)
            if content.isEmpty { continue }
            if content == "---" && lines.isEmpty { continue }
            if content == "---" || content == "..." { throw Failure(line: number, reason: "one document only") }
            lines.append(Line(number: number, indent: indent, text: content))
        }
    }

    /// The text before a `#` that starts a comment (at the start, or after a space, outside quotes),
    /// trailing spaces removed.
    static func withoutComment(_ text: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        var end = text.endIndex
        for index in text.indices {
            let c = text[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                if previous == " " || previous == "[" || previous == "{" || previous == "," || previous == ":" || index == text.startIndex { quote = c }
            } else if c == "#" && previous == " " {
                end = index
                break
            }
            previous = c
        }
        var out = text[..<end]
        while out.last == " " { out = out.dropLast() }
        return out
    }

    /// The block whose lines stand at `indent`: a sequence when they start with `- `, else a mapping.
    private mutating func block(indent: Int) throws(Failure) -> ConfigNode {
        let first = lines[at]
        return Self.isItem(first.text) ? try sequence(indent: indent) : try mapping(indent: indent)
    }

    static func isItem(_ text: Substring) -> Bool { text == "-" || text.hasPrefix("- ") }

    private mutating func sequence(indent: Int) throws(Failure) -> ConfigNode {
        let start = lines[at].number
        var items: [ConfigNode] = []
        while at < lines.count, lines[at].indent == indent, Self.isItem(lines[at].text) {
            let line = lines[at]
            let rest = line.text.dropFirst(1).drop { $0 == " " }
            var opensBlock = Self.isItem(rest)
            if !opensBlock, !rest.isEmpty { opensBlock = try Self.keyAndValue(Line(number: line.number, indent: 0, text: rest)) != nil }
            if rest.isEmpty {
                at += 1
                items.append(try nested(under: indent, line: line.number))
            } else if opensBlock {
                // What follows `- ` is a block of its own, indented where it starts.
                lines[at] = Line(number: line.number, indent: indent + (line.text.count - rest.count), text: rest)
                items.append(try block(indent: lines[at].indent))
            } else {
                at += 1
                items.append(try inline(rest, line: line.number))
            }
        }
        return ConfigNode(value: .array(items), line: start)
    }

    private mutating func mapping(indent: Int) throws(Failure) -> ConfigNode {
        let start = lines[at].number
        var entries: [(key: String, node: ConfigNode)] = []
        while at < lines.count, lines[at].indent == indent, !Self.isItem(lines[at].text) {
            let line = lines[at]
            guard let entry = try Self.keyAndValue(line) else {
                throw Failure(line: line.number, reason: "expected 'key: value' here")
            }
            let (key, value) = entry
            if entries.contains(where: { $0.key == key }) { throw Failure(line: line.number, reason: "'\(key)' is given twice") }
            at += 1
            if value.isEmpty {
                // The value is the block below: deeper, or a sequence at the key's own indent.
                if at < lines.count, lines[at].indent == indent, Self.isItem(lines[at].text) {
                    entries.append((key, try sequence(indent: indent)))
                } else {
                    entries.append((key, try nested(under: indent, line: line.number)))
                }
            } else {
                entries.append((key, try inline(value, line: line.number)))
            }
        }
        return ConfigNode(value: .object(entries), line: start)
    }

    /// The block indented deeper than `indent`, or null when there is none.
    private mutating func nested(under indent: Int, line: Int) throws(Failure) -> ConfigNode {
        guard at < lines.count, lines[at].indent > indent else { return ConfigNode(value: .null, line: line) }
        return try block(indent: lines[at].indent)
    }

    /// `key: value` (the value may be empty); nil when the line is not one.
    static func keyAndValue(_ line: Line) throws(Failure) -> (String, Substring)? {
        let text = line.text
        let key: String
        let rest: Substring
        if let quote = text.first, quote == "\"" || quote == "'" {
            var scanner = YAMLFlowScanner(text: text, line: line.number)
            key = try scanner.quoted()
            rest = text[scanner.index...]
            guard rest.hasPrefix(":") else { return nil }
        } else {
            guard let colon = text.indices.first(where: { text[$0] == ":" && (text.index(after: $0) == text.endIndex || text[text.index(after: $0)] == " ") })
            else { return nil }
            key = String(text[..<colon])
            rest = text[colon...]
            if key.contains(where: { $0 == "[" || $0 == "{" }) { return nil }
        }
        return (key, rest.dropFirst().drop { $0 == " " })
    }

    /// A value on the key's line: a scalar, or a flow collection (which may go on over the lines
    /// that follow, deeper than nothing in particular, until its brackets close).
    private mutating func inline(_ value: Substring, line: Int) throws(Failure) -> ConfigNode {
        if let c = value.first, "&*!|>".contains(c) {
            let what = c == "&" ? "anchors" : c == "*" ? "aliases" : c == "!" ? "tags" : "block scalars (| and >)"
            throw Failure(line: line, reason: "aclog's configuration does not take YAML \(what): write the value itself (quoted, for text over several lines)")
        }
        var text = String(value)
        if value.first == "[" || value.first == "{" {
            while !YAMLFlowScanner.isBalanced(text), at < lines.count {
                text += " " + lines[at].text
                at += 1
            }
        }
        var scanner = YAMLFlowScanner(text: Substring(text), line: line)
        let node = try scanner.value(topLevel: true)
        scanner.skipSpaces()
        guard scanner.index == scanner.text.endIndex else {
            throw Failure(line: line, reason: "unexpected text after the value: '\(scanner.text[scanner.index...])'")
        }
        return node
    }
}
