/// Which of several literals a text contains, found in one pass over its bytes: each literal is
/// anchored on its rarest pair of bytes (by a rough frequency of log text), a table of those pairs
/// is checked at every position, and the rare hits are compared whole. Twenty literals cost about
/// what one `memchr` scan costs, where twenty searches cost twenty scans.
public struct LiteralSet: Sendable {
    public struct Literal: Sendable, Equatable {
        public var bytes: [UInt8]
        /// ASCII letters match either case (`bytes` in lower case).
        public var caseless: Bool

        public init(_ bytes: [UInt8], caseless: Bool) {
            self.bytes = caseless ? bytes.map(ByteSearch.lower) : bytes
            self.caseless = caseless
        }
    }

    public let literals: [Literal]
    /// One bit per pair of bytes that anchors a literal.
    private var table = [UInt64](repeating: 0, count: 1024)
    /// For each anchoring pair: the literals it anchors and where in them it stands.
    private var anchors: [UInt16: [(literal: Int, offset: Int)]] = [:]
    /// Literals of one byte, found by `memchr`-like scanning.
    private var single: [(literal: Int, byte: UInt8)] = []

    public init(_ literals: [Literal]) {
        self.literals = literals
        for (index, literal) in literals.enumerated() {
            let b = literal.bytes
            guard b.count >= 2 else {
                if let only = b.first { single.append((index, only)) }
                continue
            }
            let offset = (0..<(b.count - 1)).min { Self.commonness(b[$0], b[$0 + 1]) < Self.commonness(b[$1], b[$1 + 1]) }!
            for first in Self.variants(b[offset], literal.caseless) {
                for second in Self.variants(b[offset + 1], literal.caseless) {
                    let key = UInt16(first) << 8 | UInt16(second)
                    table[Int(key >> 6)] |= 1 << UInt64(key & 63)
                    anchors[key, default: []].append((index, offset))
                }
            }
        }
    }

    /// Sets `present[i]` for each literal `i` the text contains (and leaves the others as they are).
    public func scan(_ text: UnsafeBufferPointer<UInt8>, into present: inout [Bool]) {
        for (index, byte) in single where !present[index] {
            present[index] = literals[index].caseless
                ? text.contains { ByteSearch.lower($0) == byte }
                : text.contains(byte)
        }
        guard text.count >= 2, !anchors.isEmpty else { return }
        var key = UInt16(text[0])
        for i in 1..<text.count {
            key = key << 8 | UInt16(text[i])
            guard table[Int(key >> 6)] & (1 << UInt64(key & 63)) != 0, let candidates = anchors[key] else { continue }
            for (index, offset) in candidates where !present[index] {
                let start = i - 1 - offset
                let literal = literals[index]
                guard start >= 0, start + literal.bytes.count <= text.count else { continue }
                var k = 0
                if literal.caseless {
                    while k < literal.bytes.count && ByteSearch.lower(text[start + k]) == literal.bytes[k] { k += 1 }
                } else {
                    while k < literal.bytes.count && text[start + k] == literal.bytes[k] { k += 1 }
                }
                if k == literal.bytes.count { present[index] = true }
            }
        }
    }

    /// How often a pair of bytes stands in log text, roughly: spaces and common lower-case letters
    /// most, then other lower-case letters, digits and the punctuation of paths, times and
    /// key=value pairs, then capitals, other punctuation least.
    static func commonness(_ a: UInt8, _ b: UInt8) -> Int { weight(a) + weight(b) }

    static func weight(_ c: UInt8) -> Int {
        switch c {
        case UInt8(ascii: " "), UInt8(ascii: "e"), UInt8(ascii: "t"), UInt8(ascii: "a"), UInt8(ascii: "o"), UInt8(ascii: "i"),
             UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "r"), UInt8(ascii: "h"), UInt8(ascii: "l"): 4
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "\""), UInt8(ascii: "/"),
             UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "="), UInt8(ascii: ","): 3
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): 2
        default: 1
        }
    }

    static func variants(_ c: UInt8, _ caseless: Bool) -> [UInt8] {
        caseless && c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") ? [c, c - 32] : [c]
    }
}
