/// A report template of `dashboards/`: the part of Mustache (mustache(5)) those templates use.
///
/// - `{{name}}`, HTML-escaped, or as literal Markdown after `{{% CONTENT_TYPE: MARKDOWN}}`, or
///   as it is after `{{% CONTENT_TYPE: TEXT}}`; `{{{name}}}` and `{{& name}}` never escaped. A name is looked up in the innermost section's
///   value first, then outwards; a missing name renders nothing.
/// - `{{#name}}…{{/name}}` renders once per element of a list, once for `true` or any other
///   present value (which becomes the innermost), never for `false`, an empty list or a missing
///   name; `{{^name}}…{{/name}}` renders exactly when that section would not.
/// - `{{! comment}}`. A section, comment or pragma tag alone on its line takes the line with it.
///
/// Written here rather than taken from swift-mustache: that package imports all of Foundation,
/// which statically links ICU and Foundation's object runtime into the binary, and every aclog
/// process (the collector, each `grep`) paid for them in start-up time and memory (docs/performance.md).
package struct ReportTemplate {
    indirect enum Node {
        case text(String)
        case variable(String, escaped: Bool)
        case section(String, inverted: Bool, [Node])
    }

    package struct SyntaxError: Error, CustomStringConvertible {
        let reason: String
        package var description: String { "report template: \(reason)" }
    }

    package enum Escaping: Sendable {
        case html, markdown, none
    }

    let nodes: [Node]
    package let escaping: Escaping

    package init(_ source: String) throws(SyntaxError) {
        var tokens = try Self.tokens(source)
        Self.removeStandaloneLines(&tokens)
        let pragma = tokens.first { $0.kind == "%" }?.name.uppercased() ?? ""
        escaping = pragma.contains("CONTENT_TYPE: TEXT") ? .none : pragma.contains("CONTENT_TYPE: MARKDOWN") ? .markdown : .html
        var index = 0
        nodes = try Self.nodes(tokens, from: &index, closing: nil)
    }

    package func render(_ values: [String: Any]) -> String {
        var out = ""
        var stack: [Any] = [values]
        render(nodes, &stack, into: &out)
        return out
    }

    private func render(_ nodes: [Node], _ stack: inout [Any], into out: inout String) {
        for node in nodes {
            switch node {
            case .text(let text):
                out += text
            case .variable(let name, let escaped):
                guard let value = Self.lookUp(name, in: stack) else { continue }
                let text = String(describing: value)
                switch escaped ? escaping : .none {
                case .html: out += text.htmlEscaped
                case .markdown: out += text.markdownEscaped
                case .none: out += text
                }
            case .section(let name, let inverted, let children):
                // One run per element; a run with a value makes it the innermost context.
                let runs: [Any?]
                switch Self.lookUp(name, in: stack) {
                case nil: runs = []
                case let flag as Bool: runs = flag ? [nil] : []
                case let list as [Any]: runs = list
                case let value?: runs = [value]
                }
                if inverted {
                    if runs.isEmpty { render(children, &stack, into: &out) }
                    continue
                }
                for run in runs {
                    if let run { stack.append(run) }
                    render(children, &stack, into: &out)
                    if run != nil { stack.removeLast() }
                }
            }
        }
    }

    package static func lookUp(_ name: String, in stack: [Any]) -> Any? {
        if name == "." { return stack.last }
        for context in stack.reversed() {
            if let values = context as? [String: Any], let value = values[name] { return value }
        }
        return nil
    }

    // MARK: - Parsing

    package struct Token {
        /// nil for text; else the tag's sigil: " " (a variable), "{", "&", "#", "^", "/", "!" or "%".
        var kind: Character?
        var name: String
        var text: Substring = ""
    }

    package static func tokens(_ source: String) throws(SyntaxError) -> [Token] {
        var tokens: [Token] = []
        var rest = source[...]
        while let open = rest.firstRange(of: "{{") {
            if open.lowerBound > rest.startIndex { tokens.append(Token(kind: nil, name: "", text: rest[..<open.lowerBound])) }
            let triple = rest[open.upperBound...].hasPrefix("{")
            guard let close = rest[open.upperBound...].firstRange(of: triple ? "}}}" : "}}") else {
                throw SyntaxError(reason: "a tag is not closed: \(rest[open.lowerBound...].prefix(30))")
            }
            var inside = rest[open.upperBound..<close.lowerBound]
            var kind: Character = " "
            if let first = inside.first, "{&#^/!%".contains(first) {
                kind = first
                inside = inside.dropFirst()
            }
            tokens.append(Token(kind: kind, name: inside.trimmed(where: \.isWhitespace)))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { tokens.append(Token(kind: nil, name: "", text: rest)) }
        return tokens
    }

    /// Mustache's standalone rule: a section, comment or pragma tag with only blanks around it on
    /// its line is removed with those blanks and the line's end.
    package static func removeStandaloneLines(_ tokens: inout [Token]) {
        let isBlank = { (s: Substring) in s.allSatisfy { $0 == " " || $0 == "\t" } }
        var trimHead = Set<Int>(), trimTail = Set<Int>()
        for i in tokens.indices {
            guard let kind = tokens[i].kind, "#^/!%".contains(kind) else { continue }
            let before = i == 0 || (tokens[i - 1].kind == nil && {
                let text = tokens[i - 1].text
                let line = text.lastIndex(where: \.isNewline).map { text[text.index(after: $0)...] } ?? text
                return isBlank(line) && (line.startIndex != text.startIndex || i - 1 == 0)
            }())
            let after = i == tokens.count - 1 || (tokens[i + 1].kind == nil && {
                let text = tokens[i + 1].text
                let line = text.firstIndex(where: \.isNewline).map { text[..<$0] } ?? text
                return isBlank(line) && (line.endIndex != text.endIndex || i + 1 == tokens.count - 1)
            }())
            guard before && after else { continue }
            if i > 0 { trimTail.insert(i - 1) }
            if i < tokens.count - 1 { trimHead.insert(i + 1) }
        }
        for i in tokens.indices where tokens[i].kind == nil {
            var text = tokens[i].text
            if trimHead.contains(i) { text = text.firstIndex(where: \.isNewline).map { text[text.index(after: $0)...] } ?? text[text.endIndex...] }
            if trimTail.contains(i) { text = text.lastIndex(where: \.isNewline).map { text[...$0] } ?? text[text.startIndex..<text.startIndex] }
            tokens[i].text = text
        }
    }

    static func nodes(_ tokens: [Token], from index: inout Int, closing: String?) throws(SyntaxError) -> [Node] {
        var nodes: [Node] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case nil: if !token.text.isEmpty { nodes.append(.text(String(token.text))) }
            case " ": nodes.append(.variable(token.name, escaped: true))
            case "{", "&": nodes.append(.variable(token.name, escaped: false))
            case "#", "^":
                let children = try Self.nodes(tokens, from: &index, closing: token.name)
                nodes.append(.section(token.name, inverted: token.kind == "^", children))
            case "/":
                guard token.name == closing else {
                    throw SyntaxError(reason: "{{/\(token.name)}} closes " + (closing.map { "{{#\($0)}}" } ?? "no section"))
                }
                return nodes
            default: continue
            }
        }
        if let closing { throw SyntaxError(reason: "{{#\(closing)}} is not closed") }
        return nodes
    }
}
