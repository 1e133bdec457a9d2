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
        index += 1
        var members: [(key: String, node: ConfigNode)] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key in double quotes") }
            let key = try string()
            if members.contains(where: { $0.key == key }) { throw failure("the key '\(key)' is given twice") }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':' after the key '\(key)'") }
            index += 1
            members.append((key, try value()))
            skipSpace()
            guard index < bytes.count else { throw failure("the file ends inside an object") }
            index += 1
            switch bytes[index - 1] {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return .object(members)
            default: throw failure("expected ',' or '}' after the value of '\(key)'")
            }
        }
    }

    private mutating func array() throws(Failure) -> ConfigNode.Value {
        index += 1
        var items: [ConfigNode] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            items.append(try value())
            skipSpace()
            guard index < bytes.count else { throw failure("the file ends inside a list") }
            index += 1
            switch bytes[index - 1] {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return .array(items)
            default: throw failure("expected ',' or ']' in a list")
            }
        }
    }

    private mutating func string() throws(Failure) -> String {
        index += 1
        var text: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
                case UInt8(ascii: "b"): text.append(8)
                case UInt8(ascii: "f"): text.append(12)
                case UInt8(ascii: "n"): text.append(10)
                case UInt8(ascii: "r"): text.append(13)
                case UInt8(ascii: "t"): text.append(9)
                case UInt8(ascii: "u"): text += Array(String(try unicodeEscape()).utf8)
                default: throw failure("unknown escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
                }
            case 0..<0x20:
                throw failure(byte == 10 ? "a string runs past the end of its line" : "a control character in a string")
            default:
                text.append(byte)
            }
        }
        throw failure("the file ends inside a string")
    }

    /// The four hex digits after `\u` (and a low surrogate's after a high one).
    private mutating func unicodeEscape() throws(Failure) -> Character {
        let first = try hex4()
        if (0xD800..<0xDC00).contains(first), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            index += 2
            let second = try hex4()
            if (0xDC00..<0xE000).contains(second), let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) {
                return Character(scalar)
            }
        }
        guard let scalar = Unicode.Scalar(first) else { throw failure("\\u escape of a lone surrogate") }
        return Character(scalar)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
            throw failure("a \\u escape needs four hex digits")
        }
        index += 4
        return value
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
