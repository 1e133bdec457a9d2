#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search on bytes: memchr for the needle's first byte, then a comparison.
public enum ByteSearch {
    /// Index just after the first occurrence of `needle` in `haystack` at or after `from`.
    public static func end(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard let base = haystack.baseAddress, let first = needle.first, from >= 0, needle.count <= haystack.count else { return nil }
        var start = from
        let last = haystack.count - needle.count
        while start <= last {
            guard let hit = memchr(base + start, Int32(first), last - start + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = 1
            while k < needle.count && haystack[at + k] == needle[k] { k += 1 }
            if k == needle.count { return at + needle.count }
            start = at + 1
        }
        return nil
    }
}

extension ByteSearch {
    /// The byte in lower case if it is an ASCII capital, as `regexec` with REG_ICASE folds it in
    /// the C locale.
    @inline(__always) public static func lower(_ c: UInt8) -> UInt8 {
        c >= 65 && c <= 90 ? c + 32 : c
    }
}
