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
        guard let found = try LeafHalves.words(containing: fragments, in: db, limit: limit) else { return nil }
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
