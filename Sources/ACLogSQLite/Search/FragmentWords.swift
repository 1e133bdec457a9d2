#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Picks the words of the index's leaf pages that hold one of some fragments. A word on a page
/// shares its first bytes with the word before it, so a fragment found among those bytes is still
/// there, and only an occurrence that reaches into the bytes the word adds is looked for: the
/// search then reads a few bytes a word instead of the whole of it.
final class FragmentWords {
    /// The fragments, one after another, and where each lies there.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let spans: UnsafeMutableBufferPointer<(start: Int, count: Int)>
    /// How far before the added bytes an occurrence reaching into them may start.
    private let reach: Int
    /// Room for the longest word the index can hold, its index byte and a character past the cut.
    private static let capacity = IndexTerms.longestToken + 16
    private let word = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + LeafPage.copySlack)

    /// Fragments in the index's folding (lower case ASCII); an empty one is in every word.
    init(_ fragments: [[UInt8]]) {
        bytes = .allocate(capacity: fragments.reduce(0) { $0 + $1.count })
        spans = .allocate(capacity: fragments.count)
        var at = 0
        for (k, fragment) in fragments.enumerated() {
            _ = UnsafeMutableBufferPointer(rebasing: bytes[at...]).initialize(from: fragment)
            spans[k] = (at, fragment.count)
            at += fragment.count
        }
        reach = max(0, (fragments.map(\.count).max() ?? 0) - 1)
    }

    deinit {
        word.deallocate()
        bytes.deallocate()
        spans.deallocate()
    }

    /// Hands over each word of the main index on `page` that holds a fragment, or that FTS5 cut
    /// at its longest token (the fragment may lie past the cut), without its index byte; false
    /// when the page is not laid out as `LeafPage` reads it.
    func scan(_ page: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        // Where the earliest-ending occurrence in the word ends; Int.max: none.
        var found = Int.max
        return LeafPage.forEachWord(in: page, spellingInto: word, capacity: Self.capacity) { length, kept in
            if found > kept { found = earliestEnd(from: max(1, kept - reach), to: length) }
            guard word[0] == UInt8(ascii: "0"), found != .max || length - 1 >= IndexTerms.longestToken else { return }
            body(UnsafeRawBufferPointer(start: word + 1, count: length - 1))
        }
    }

    /// The earliest end of an occurrence of a fragment starting at or after `start` in the word's
    /// first `end` bytes, or Int.max.
    @inline(__always) private func earliestEnd(from start: Int, to end: Int) -> Int {
        var earliest = Int.max
        for (at, m) in spans {
            guard m > 0 else { return start }
            guard end - start >= m else { continue }
            let needle = bytes.baseAddress! + at
            let first = needle[0]
            var i = start
            while i <= end - m && i + m < earliest {
                if word[i] == first && memcmp(word + i, needle, m) == 0 {
                    earliest = i + m
                    break
                }
                i += 1
            }
        }
        return earliest
    }
}
