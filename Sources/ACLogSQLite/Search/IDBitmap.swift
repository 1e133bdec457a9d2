/// A set of record ids from `low` to `high` as one bit each: 1.2 MB for 10M ids.
package struct IDBitmap: Sendable {
    package let low: Int64
    package let high: Int64
    private(set) var words: [UInt64]

    package init(low: Int64, high: Int64) {
        self.low = low
        self.high = max(high, low - 1)
        words = [UInt64](repeating: 0, count: Int((self.high - low + 1 + 63) / 64))
    }

    @inline(__always) func contains(_ id: Int64) -> Bool {
        guard id >= low, id <= high else { return false }
        let k = Int(id - low)
        return words[k >> 6] & (1 << UInt64(k & 63)) != 0
    }

    /// Sets or clears `id`'s bit; false for an id outside the set's range.
    @inline(__always) @discardableResult mutating func set(_ id: Int64, to value: Bool) -> Bool {
        guard id >= low, id <= high else { return false }
        let k = Int(id - low)
        if value { words[k >> 6] |= 1 << UInt64(k & 63) } else { words[k >> 6] &= ~(1 << UInt64(k & 63)) }
        return true
    }

    /// Adds the ids of `other` (of the same range) in words `from..<to`, and clears them there.
    mutating func take(_ other: inout IDBitmap, words range: Range<Int>) {
        for k in range {
            words[k] |= other.words[k]
            other.words[k] = 0
        }
    }

    /// The word that holds `id`'s bit (clamped to the set).
    func word(of id: Int64) -> Int { Int((min(max(id, low), high) - low) >> 6) }

    /// How many ids from `first` to `last` are in the set.
    package func count(from first: Int64, through last: Int64) -> Int {
        let (a, b) = (max(first, low), min(last, high))
        guard a <= b else { return 0 }
        let (i, j) = (Int(a - low), Int(b - low))
        var n = 0
        var k = i >> 6
        while k <= j >> 6 {
            var w = words[k]
            if k == i >> 6 { w &= ~0 << UInt64(i & 63) }
            if k == j >> 6 && j & 63 < 63 { w &= (1 << UInt64(j & 63 + 1)) - 1 }
            n += w.nonzeroBitCount
            k += 1
        }
        return n
    }

    /// The ids from `first` to `last` in the set, in order.
    package func ids(from first: Int64, through last: Int64) -> [Int64] {
        var found: [Int64] = []
        var id = max(first, low)
        while id <= min(last, high) {
            if contains(id) { found.append(id) }
            id += 1
        }
        return found
    }
}
