/// One leaf page of an FTS5 segment: a 4-byte header (the offset of its first rowid, and of its
/// footer, big-endian), words each followed by their records, then the footer: one varint per word,
/// its offset in the page less the one before. The first word of a page is whole (its length, its
/// bytes); each later one is the number of bytes it shares with the one before, the number it adds,
/// and those. Every word begins with the byte of its index, '0' for the main one.
enum LeafPage {
    /// How many bytes past `capacity` a word may be written over (and must be allocated).
    static let copySlack = 16

    /// Spells each word of the page in `word` (which must hold `capacity` bytes, and `copySlack`
    /// more that may be written over) and hands over its length and how many of its first bytes
    /// the word before left there; false when the page is not laid out so.
    static func forEachWord(in page: UnsafeRawBufferPointer, spellingInto word: UnsafeMutablePointer<UInt8>, capacity: Int,
                            _ body: (_ length: Int, _ kept: Int) -> Void) -> Bool {
        guard page.count >= 4, let base = page.baseAddress else { return page.isEmpty }
        let footer = Int(page[2]) << 8 | Int(page[3])
        guard footer >= 4, footer <= page.count else { return false }
        var length = 0
        var at = footer
        var offset = 0
        var first = true
        while at < page.count {
            guard let delta = varint(page, &at) else { return false }
            offset += delta
            var p = offset
            guard p < footer else { return false }
            var shared = 0
            if !first {
                guard let n = varint(page, &p), n <= length else { return false }
                shared = n
            }
            guard let added = varint(page, &p), p + added <= footer, shared + added <= capacity else { return false }
            if added <= copySlack && p + copySlack <= page.count {
                // Most words add a few bytes: one 16-byte move costs less than a call to memmove.
                UnsafeMutableRawPointer(word + shared).storeBytes(of: (base + p).loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
            } else {
                (word + shared).update(from: (base + p).assumingMemoryBound(to: UInt8.self), count: added)
            }
            length = shared + added
            first = false
            body(length, shared)
        }
        return true
    }

    /// An SQLite varint (big-endian, 7 bits a byte, the ninth byte whole) at `at`, which moves past
    /// it; nil past the end or when it does not fit an Int.
    @inline(__always) static func varint(_ bytes: UnsafeRawBufferPointer, _ at: inout Int) -> Int? {
        guard at < bytes.count else { return nil }
        let byte = bytes[at]
        if byte & 0x80 == 0 {
            at += 1
            return Int(byte)
        }
        var value: UInt64 = 0
        for k in 0..<9 {
            guard at < bytes.count else { return nil }
            let byte = bytes[at]
            at += 1
            if k == 8 {
                value = value << 8 | UInt64(byte)
                break
            }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { break }
        }
        return value <= UInt64(Int.max) ? Int(value) : nil
    }
}
