/// The records the full-text index lists for some words, read from its leaves as `IndexTerms`
/// reads its words: SQLite walking the index for `info` (5.1M of 10M records) took 160 ms on one
/// core where reading its lists takes a few tens.
///
/// A word's list in a segment starts on the leaf the segment's `%_idx` names, right after the
/// word, and runs on over the following leaves (each naming, in its first two bytes, where its
/// first record id lies) until the next word. With `detail=none` a list is record ids, the first
/// of a word and of a leaf whole and the others as the difference from the one before, each
/// followed by nothing (the record holds the word), a 0x00 (it no longer does: deleted) or 0x00
/// 0x00 (deleted and written again). The same id in two segments: the newer segment says. Anything
/// not laid out so gives nil, and the caller asks SQLite.
package enum IndexDoclists {
    /// The ids from `low` to `high` of the records that hold any of `words` (as the index holds
    /// them: folded, without the index byte), or nil.
    package static func records(holdingAnyOf words: [[UInt8]], from low: Int64, through high: Int64,
                                in db: SQLiteConnection) throws(StoreError) -> IDBitmap? {
        guard try db.scalarInt(NamedQuery.sql("index_version")) == 4 else { return nil }
        var all = IDBitmap(low: low, high: high)
        guard low <= high else { return all }
        let begins = !db.inTransaction
        if begins { try db.execute("BEGIN DEFERRED") }
        defer { if begins { try? db.execute("COMMIT") } }
        let record = try db.prepare(NamedQuery.sql("index_structure"))
        defer { record.reset() }
        guard try record.step(), let structure = record.withBlob(0, { IndexStructure($0) }) else { return nil }
        let pageOf = try db.prepare(NamedQuery.sql("index_term_page"))
        defer { pageOf.reset() }
        let leaves = try db.prepare(NamedQuery.sql("index_segment_leaves"))
        defer { leaves.reset() }  // before the read transaction ends, whatever the way out
        var one = IDBitmap(low: low, high: high)
        for word in words {
            let key = [UInt8(ascii: "0")] + word
            var touched: (first: Int, last: Int)?  // the words of `one` the word's lists set or cleared
            for segment in structure.segments {
                pageOf.reset()
                try pageOf.bind(segment.id, named: ":segment")
                pageOf.bind(key, at: 2)
                guard try pageOf.step() else { continue }
                let page = max(pageOf.int64(0), segment.firstPage)
                pageOf.reset()
                leaves.reset()
                try leaves.bind(segment.id, named: ":segment")
                try leaves.bind(page, named: ":page")
                var list = ListReader(key: key)
                while try leaves.step() {
                    guard let more = leaves.withBlob(0, { list.read($0, into: &one) }) else { return nil }
                    if !more { break }
                }
                leaves.reset()
                if let span = list.touched {
                    let (a, b) = (one.word(of: span.lowerBound), one.word(of: span.upperBound))
                    touched = touched.map { (min($0.first, a), max($0.last, b)) } ?? (a, b)
                }
            }
            if let touched { all.take(&one, words: touched.first..<(touched.last + 1)) }
        }
        return all
    }
}

/// Reads one word's list in one segment, leaf after leaf, into a set: an id the list holds is set,
/// one it says was deleted is cleared (segments are read oldest first).
struct ListReader {
    let key: [UInt8]
    /// Whether the word was found on the first leaf.
    private var started = false
    /// The lowest and highest id read, if any.
    private(set) var touched: ClosedRange<Int64>?

    init(key: [UInt8]) { self.key = key }

    /// Reads the list's part on `page`; true when it may go on to the next leaf, false when it
    /// ended (or the word is not in the segment), nil when the page is not laid out as expected.
    mutating func read(_ page: UnsafeRawBufferPointer, into set: inout IDBitmap) -> Bool? {
        guard page.count >= 4 else { return nil }
        let footer = Int(page[2]) << 8 | Int(page[3])
        guard footer >= 4, footer <= page.count else { return nil }
        var offsets: [Int] = []
        var at = footer
        var offset = 0
        while at < page.count {
            guard let delta = LeafPage.varint(page, &at) else { return nil }
            offset += delta
            guard offset >= 4, offset < footer else { return nil }
            offsets.append(offset)
        }
        let start: Int
        let end: Int
        if started {
            // The list goes on from where the leaf says its first id lies, up to its first word.
            let first = Int(page[0]) << 8 | Int(page[1])
            guard first != 0 else { return false }
            guard first >= 4, first <= footer else { return nil }
            (start, end) = (first, offsets.first ?? footer)
        } else {
            switch Self.find(key, in: page, offsets: offsets, footer: footer) {
            case .absent: return false
            case .malformed: return nil
            case .at(let listStart, let index):
                (start, end) = (listStart, index + 1 < offsets.count ? offsets[index + 1] : footer)
                started = true
            }
        }
        guard start <= end else { return nil }
        var p = start
        var id: Int64 = 0
        var firstOnLeaf = true
        var (lowest, highest) = (Int64.max, Int64.min)
        while p < end {
            guard let value = LeafPage.varint(page, &p), value <= Int(Int64.max) else { return nil }
            id = firstOnLeaf ? Int64(value) : id &+ Int64(value)
            firstOnLeaf = false
            var holds = true
            if p < end && page[p] == 0 {
                p += 1
                holds = false
                if p < end && page[p] == 0 {
                    p += 1
                    holds = true
                }
            }
            set.set(id, to: holds)
            lowest = min(lowest, id)
            highest = max(highest, id)
        }
        if lowest <= highest { touched = touched.map { min($0.lowerBound, lowest)...max($0.upperBound, highest) } ?? lowest...highest }
        // A list that runs to the leaf's end goes on on the next leaf.
        return end == footer
    }

    enum Found { case at(start: Int, index: Int), absent, malformed }

    /// Where `key`'s list starts on the page, and the word's index among the page's words.
    static func find(_ key: [UInt8], in page: UnsafeRawBufferPointer, offsets: [Int], footer: Int) -> Found {
        var word: [UInt8] = []
        for (k, offset) in offsets.enumerated() {
            var p = offset
            var shared = 0
            if k > 0 {
                guard let n = LeafPage.varint(page, &p), n <= word.count else { return .malformed }
                shared = n
            }
            guard let added = LeafPage.varint(page, &p), p + added <= footer else { return .malformed }
            word.removeSubrange(shared...)
            word.append(contentsOf: page[p..<(p + added)])
            if word == key { return .at(start: p + added, index: k) }
            if !word.lexicographicallyPrecedes(key) { return .absent }
        }
        return .absent
    }
}
