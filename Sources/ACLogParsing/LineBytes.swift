/// A line's UTF-8 bytes with the small matching helpers the format parsers share.
public struct LineBytes {
    public let text: String
    public let b: [UInt8]

    public init(_ text: String) {
        self.text = text
        b = Array(text.utf8)
    }

    public var count: Int { b.count }

    public subscript(i: Int) -> UInt8 { b[i] }

    public func isDigit(_ i: Int) -> Bool { i < b.count && b[i] >= 48 && b[i] <= 57 }

    public func isUpper(_ i: Int) -> Bool { i < b.count && b[i] >= 65 && b[i] <= 90 }

    public func `is`(_ i: Int, _ c: Character) -> Bool { i < b.count && b[i] == c.asciiValue! }

    /// True when `i...` are `count` digits.
    public func digits(_ i: Int, _ count: Int) -> Bool {
        guard i + count <= b.count else { return false }
        return (i..<(i + count)).allSatisfy { b[$0] >= 48 && b[$0] <= 57 }
    }

    /// The integer of the digits starting at `i`, and the index after them.
    public func number(at i: Int) -> (value: Int, end: Int)? {
        var j = i
        var v = 0
        while j < b.count, b[j] >= 48, b[j] <= 57, j - i < 18 { v = v * 10 + Int(b[j] - 48); j += 1 }
        return j > i ? (v, j) : nil
    }

    /// True when the bytes at `i` are `text` (compared without copying `text`).
    public func hasPrefix(_ text: String, at i: Int = 0) -> Bool {
        guard i >= 0, i + text.utf8.count <= b.count else { return false }
        var k = i
        for byte in text.utf8 {
            if b[k] != byte { return false }
            k += 1
        }
        return true
    }

    public func hasSuffix(_ text: String) -> Bool {
        hasPrefix(text, at: b.count - text.utf8.count)
    }

    public func contains(_ text: String) -> Bool {
        index(of: text, from: 0) != nil
    }

    /// Index of the first `c` at or after `i`.
    public func index(of c: Character, from i: Int) -> Int? {
        let v = c.asciiValue!
        var j = i
        while j < b.count { if b[j] == v { return j }; j += 1 }
        return nil
    }

    /// Index of the first occurrence of `text` at or after `i`.
    public func index(of text: String, from i: Int) -> Int? {
        guard let first = text.utf8.first else { return nil }
        let count = text.utf8.count
        var j = i
        while j + count <= b.count {
            if b[j] == first && hasPrefix(text, at: j) { return j }
            j += 1
        }
        return nil
    }

    public func string(_ range: Range<Int>) -> String {
        String(decoding: b[max(0, range.lowerBound)..<min(b.count, range.upperBound)], as: UTF8.self)
    }

    public func rest(from i: Int) -> String { string(i..<b.count) }

    /// The non-empty runs of bytes between `separator`s in `range`.
    public func split(byte separator: UInt8, in range: Range<Int>) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        for i in range where b[i] == separator {
            if i > start { parts.append(start..<i) }
            start = i + 1
        }
        if range.upperBound > start { parts.append(start..<range.upperBound) }
        return parts
    }

    /// Index after the spaces at `i`.
    public func skipSpaces(_ i: Int) -> Int {
        var j = i
        while j < b.count, b[j] == 32 { j += 1 }
        return j
    }
}
