/// The top-level scalars of one JSON object, read straight from its bytes: strings (escapes
/// decoded), integers apart from other numbers, booleans. Nested objects and arrays are checked
/// and skipped, nulls left out. Nil for anything that is not exactly one valid JSON object (a comma
/// before a closing bracket passes: `afterItem`).
///
/// A JSON log line is a flat object read once. `JSONDecoder` spent three quarters of the time of
/// parsing such lines in its keyed containers and in the errors of trying each type in turn; this
/// reads them several times faster (docs/performance.md).
package enum JSONObjectScanner {
    enum Value: Equatable {
        case string(String), int(Int), double(Double), bool(Bool)
    }

    static let maxDepth = 64

    static func scalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: Value]? {
        var cursor = Cursor(bytes: bytes)
        guard let object = cursor.object() else { return nil }
        cursor.skipSpace()
        return cursor.atEnd ? object : nil
    }

    /// The JSON string whose opening quote is at `index`, escapes decoded (a lone surrogate
    /// becomes U+FFFD); `index` moves past it. Nil for a string that is not valid JSON.
    package static func string(in bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> String? {
        var cursor = Cursor(bytes: bytes, i: index)
        defer { index = cursor.i }
        return cursor.string()
    }

    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        var atEnd: Bool { i >= bytes.count }
        var current: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func skipSpace() {
            while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 }
        }

        mutating func take(_ c: UInt8) -> Bool {
            guard current == c else { return false }
            i += 1
            return true
        }

        mutating func object() -> [String: Value]? {
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return nil }
            var out: [String: Value] = [:]
            skipSpace()
            if take(UInt8(ascii: "}")) { return out }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                switch current ?? 0 {
                case UInt8(ascii: "\""):
                    guard let s = string() else { return nil }
                    out[key] = .string(s)
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    guard let n = number() else { return nil }
                    out[key] = n
                case UInt8(ascii: "t"):
                    guard literal("true") else { return nil }
                    out[key] = .bool(true)
                case UInt8(ascii: "f"):
                    guard literal("false") else { return nil }
                    out[key] = .bool(false)
                case UInt8(ascii: "n"):
                    guard literal("null") else { return nil }
                    out[key] = nil
                default:
                    guard skipValue(depth: 1) else { return nil }
                }
                switch afterItem(closedBy: UInt8(ascii: "}")) {
                case .closed: return out
                case .another: continue
                case .broken: return nil
                }
            }
        }

        enum AfterItem { case closed, another, broken }

        /// After an item of an object or array: its closing bracket (a comma before it passes, as
        /// Foundation's reader lets it), a comma and another item, or neither.
        mutating func afterItem(closedBy bracket: UInt8) -> AfterItem {
            skipSpace()
            if take(UInt8(ascii: ",")) {
                skipSpace()
                return take(bracket) ? .closed : .another
            }
            return take(bracket) ? .closed : .broken
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count else { return false }
            for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
            i += count
            return true
        }

        /// A string at `i` (which must be its opening quote), escapes decoded.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while let c = current, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\") {
                if c < 0x20 { return nil }
                i += 1
            }
            guard let stop = current else { return nil }
            if stop == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self)
            }
            var out = Array(bytes[start..<i])
            while let c = current {
                i += 1
                switch c {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let e = current else { return nil }
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard let scalar = unicodeEscape() else { return nil }
                        out.append(contentsOf: String(Character(scalar)).utf8)
                    default: return nil
                    }
                case 0..<0x20:
                    return nil
                default:
                    out.append(c)
                }
            }
            return nil
        }

        /// After `\u`: four hex digits, and a second escape for the low half of a surrogate pair.
        /// A lone surrogate becomes U+FFFD, as a decoder that repairs would make it.
        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let high = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(high) {
                let save = i
                if take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(), (0xDC00..<0xE000).contains(low) {
                    return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                }
                i = save
                return "\u{FFFD}"
            }
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let d: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
                default: return nil
                }
                v = v << 4 | UInt32(d)
                i += 1
            }
            return v
        }

        /// A number as JSON writes it: an integer when it has no fraction or exponent and fits.
        mutating func number() -> Value? {
            let start = i
            _ = take(UInt8(ascii: "-"))
            let first = i
            guard digits() else { return nil }
            // A leading zero stands alone: "01" is not JSON.
            if bytes[first] == UInt8(ascii: "0") && i - first > 1 { return nil }
            var integral = true
            if take(UInt8(ascii: ".")) {
                guard digits() else { return nil }
                integral = false
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                i += 1
                if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
                guard digits() else { return nil }
                integral = false
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            if integral, let n = Int(text) { return .int(n) }
            return Double(text).map { .double($0) }
        }

        mutating func digits() -> Bool {
            let start = i
            while let c = current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { i += 1 }
            return i > start
        }

        /// Skips one value of any kind, nested ones checked to their end.
        mutating func skipValue(depth: Int) -> Bool {
            guard depth <= JSONObjectScanner.maxDepth else { return false }
            skipSpace()
            switch current ?? 0 {
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number() != nil
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "["):
                i += 1
                skipSpace()
                if take(UInt8(ascii: "]")) { return true }
                while true {
                    guard skipValue(depth: depth + 1) else { return false }
                    let after = afterItem(closedBy: UInt8(ascii: "]"))
                    if after != .another { return after == .closed }
                }
            case UInt8(ascii: "{"):
                i += 1
                skipSpace()
                if take(UInt8(ascii: "}")) { return true }
                while true {
                    skipSpace()
                    guard string() != nil else { return false }
                    skipSpace()
                    guard take(UInt8(ascii: ":")), skipValue(depth: depth + 1) else { return false }
                    let after = afterItem(closedBy: UInt8(ascii: "}"))
                    if after != .another { return after == .closed }
                }
            default:
                return false
            }
        }
    }
}
