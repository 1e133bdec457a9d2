import ACLogTextSearch

/// The words of the full-text index (`records_fts`) that hold a given substring, read from its
/// leaf pages. A search for a fragment of a word (the default `aclog grep a3f9`: "inside longer
/// words too") asks the index for those words instead of scanning the table, which is eight times
/// larger than the index.
///
/// FTS5's own list of its words (`fts5vocab`) counts every entry of every word as it goes: 2.5 s
/// over the index of 10M records. A leaf page ends with the offset of each word on it, so the
/// words can be read without their lists of records. The layout read here is FTS5's file format
/// (fts5_index.c, "Segment leaves"), which SQLite keeps readable by later versions; anything not as
/// described (another version in `records_fts_config`, an offset out of its page) gives nil, and
/// the caller scans.
package enum IndexTerms {
    /// FTS5 truncates a longer token to this many bytes: a record may hold any substring after
    /// them, so such a word is a candidate whatever is looked for.
    static let longestToken = 32_768

    /// What the index holds that may contain a fragment: whole words, and the first bytes of
    /// words cut at `longestToken` (valid UTF-8, for a prefix query).
    package struct Candidates: Equatable, Sendable {
        package var words: [String]
        package var prefixes: [String]

        package init(words: [String] = [], prefixes: [String] = []) {
            self.words = words
            self.prefixes = prefixes
        }
    }

    /// The index's words that contain one of `fragments` (ASCII, lower case, as the tokenizer
    /// folds it), and every word cut at `longestToken`; nil when the index is not in the layout
    /// read here, or more than `limit` words hold them.
    package static func containing(anyOf fragments: [[UInt8]], in db: SQLiteConnection, limit: Int) throws(StoreError) -> Candidates? {
        guard try db.scalarInt(NamedQuery.sql("index_version")) == 4 else { return nil }
        let finders = fragments.map { SubstringFinder($0, caseless: false) }  // the words are folded already
        var found = Set<[UInt8]>()
        let leaves = try db.prepare(NamedQuery.sql("index_leaves"))
        while try leaves.step() {
            let complete = leaves.withBlob(0) { page in
                LeafPage.forEachTerm(in: page) { term in
                    if term.count >= longestToken || finders.contains(where: { $0.occurs(in: term.assumingMemoryBound(to: UInt8.self)) }) { found.insert(Array(term)) }
                }
            }
            guard complete, found.count <= limit else { return nil }
        }
        var candidates = Candidates()
        for word in found.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            if word.count < longestToken {
                candidates.words.append(String(decoding: word, as: UTF8.self))
                continue
            }
            // The cut may fall inside a character: its first bytes are left out too.
            var prefix = word[...]
            while !prefix.isEmpty && String(validating: prefix, as: UTF8.self) == nil { prefix = prefix.dropLast() }
            if !prefix.isEmpty { candidates.prefixes.append(String(decoding: prefix, as: UTF8.self)) }
        }
        return candidates
    }

    /// The number of records the index holds (its averages record), or nil.
    package static func indexedRecords(in db: SQLiteConnection) throws(StoreError) -> Int64? {
        let s = try db.prepare(NamedQuery.sql("index_records"))
        guard try s.step() else { return nil }
        return s.withBlob(0) { block in
            var at = 0
            return LeafPage.varint(block, &at).map(Int64.init)
        }
    }
}

/// One leaf page of an FTS5 segment: a 4-byte header (the offset of its first rowid, and of its
/// footer, big-endian), words each followed by their records, then the footer: one varint per word,
/// its offset in the page less the one before. The first word of a page is whole (its length, its
/// bytes); each later one is the number of bytes it shares with the one before, the number it adds,
/// and those. Every word begins with the byte of its index, '0' for the main one.
enum LeafPage {
    /// Hands over each word of the main index on the page, without that first byte; false when
    /// the page is not laid out so.
    static func forEachTerm(in page: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        guard page.count >= 4 else { return page.isEmpty }
        let footer = Int(page[2]) << 8 | Int(page[3])
        guard footer >= 4, footer <= page.count else { return false }
        var term: [UInt8] = []
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
                guard let n = varint(page, &p), n <= term.count else { return false }
                shared = n
            }
            guard let added = varint(page, &p), p + added <= footer else { return false }
            term.removeSubrange(shared...)
            term.append(contentsOf: page[p..<(p + added)])
            first = false
            guard term.first == UInt8(ascii: "0") else { continue }
            term.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0.dropFirst())) }
        }
        return true
    }

    /// An SQLite varint (big-endian, 7 bits a byte, the ninth byte whole) at `at`, which moves past
    /// it; nil past the end or when it does not fit an Int.
    static func varint(_ bytes: UnsafeRawBufferPointer, _ at: inout Int) -> Int? {
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
