import ACLogParsing

/// Reads JSON (RFC 8259) into `ConfigNode`s that know their lines. The configuration is small and
/// read once; what matters is that every mistake names its line.
struct ConfigJSONParser {
    struct Failure: Error {
        var line: Int
        var reason: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    static func parse(_ text: String) throws(Failure) -> ConfigNode {
        var parser = ConfigJSONParser(text)
        let node = try parser.value()
        parser.skipSpace()
        if parser.index < parser.bytes.count { throw parser.failure("unexpected text after the end of the JSON") }
        return node
    }

    private func failure(_ reason: String) -> Failure {
        Failure(line: line, reason: reason)
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return
            }
            index += 1
        }
    }

    private mutating func value() throws(Failure) -> ConfigNode {
        skipSpace()
        guard index < bytes.count else { throw failure("the file ends where a value should be") }
        let start = line
        switch bytes[index] {
        case UInt8(ascii: "{"): return ConfigNode(value: try object(), line: start)
        case UInt8(ascii: "["): return ConfigNode(value: try array(), line: start)
        case UInt8(ascii: "\""): return ConfigNode(value: .string(try string()), line: start)
        case UInt8(ascii: "t"): try word("true"); return ConfigNode(value: .bool(true), line: start)
        case UInt8(ascii: "f"): try word("false"); return ConfigNode(value: .bool(false), line: start)
        case UInt8(ascii: "n"): try word("null"); return ConfigNode(value: .null, line: start)
        default: return ConfigNode(value: .number(try number()), line: start)
        }
    }

    private mutating func object() throws(Failure) -> ConfigNode.Value {
        var members: [(key: String, node: ConfigNode)] = []
        try items(closing: "}", in: "an object") { (parser) throws(Failure) in
            parser.skipSpace()
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else {
                throw parser.failure("expected a key in double quotes")
            }
            let key = try parser.string()
            if members.contains(where: { $0.key == key }) { throw parser.failure("the key '\(key)' is given twice") }
            parser.skipSpace()
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ":") else {
                throw parser.failure("expected ':' after the key '\(key)'")
            }
            parser.index += 1
            members.append((key, try parser.value()))
        }
        return .object(members)
    }

    private mutating func array() throws(Failure) -> ConfigNode.Value {
        var items: [ConfigNode] = []
        try self.items(closing: "]", in: "a list") { (parser) throws(Failure) in items.append(try parser.value()) }
        return .array(items)
    }

    /// The items of an object or a list, after its opening bracket: `item` reads each, then a comma
    /// or the closing bracket must follow.
    private mutating func items(closing: Unicode.Scalar, in what: String,
                                _ item: (inout ConfigJSONParser) throws(Failure) -> Void) throws(Failure) {
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: closing) {
            index += 1
            return
        }
        while true {
            try item(&self)
            skipSpace()
            guard index < bytes.count else { throw failure("the file ends inside \(what)") }
            index += 1
            if bytes[index - 1] == UInt8(ascii: ",") { continue }
            if bytes[index - 1] == UInt8(ascii: closing) { return }
            throw failure("expected ',' or '\(Character(closing))' in \(what)")
        }
    }

    /// JSON log lines' reader decodes the strings: a string never spans lines, so none is lost.
    private mutating func string() throws(Failure) -> String {
        var end = index
        let text = bytes.withUnsafeBufferPointer { JSONObjectScanner.string(in: $0, at: &end) }
        guard let text else {
            let rest = bytes[index...].prefix { $0 != UInt8(ascii: "\n") }
            throw failure(rest.dropFirst().contains(UInt8(ascii: "\"")) ? "a string with an escape JSON does not have, or a control character"
                          : "a string runs past the end of its line")
        }
        index = end
        return text
    }

    private mutating func word(_ expected: String) throws(Failure) {
        let word = Array(expected.utf8)
        guard index + word.count <= bytes.count, Array(bytes[index..<index + word.count]) == word else {
            throw failure("unexpected text: a value is a string in double quotes, a number, an object, a list, true, false or null")
        }
        index += word.count
    }

    private mutating func number() throws(Failure) -> Double {
        let start = index
        while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !text.isEmpty, text.first != "+", let number = Double(text) else {
            throw failure("unexpected text: a value is a string in double quotes, a number, an object, a list, true, false or null")
        }
        return number
    }
}
