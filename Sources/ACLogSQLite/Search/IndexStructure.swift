/// The segments of the full-text index, from FTS5's structure record (row 10 of `records_fts_data`,
/// fts5_index.c "Structure record"): a 4-byte cookie, then varints: the number of levels, of
/// segments, the write counter, and for each level its merge count, its number of segments and
/// each segment's id, first and last leaf. Level 0 is the newest, and within a level a later
/// segment is newer: a merge takes a level's oldest segments and appends its output to the next
/// level. Another layout (the second version, which adds tombstones) gives nil.
struct IndexStructure: Equatable {
    struct Segment: Equatable {
        var id: Int64
        var firstPage: Int64
        var lastPage: Int64
    }

    /// Every segment, the oldest first.
    var segments: [Segment]

    init?(_ record: UnsafeRawBufferPointer) {
        guard record.count >= 4, record.count < 8 || !(record[4] == 0xFF && record[5] == 0 && record[6] == 0 && record[7] == 1) else { return nil }
        var at = 4
        guard let levels = LeafPage.varint(record, &at), let _ = LeafPage.varint(record, &at),
              let _ = LeafPage.varint(record, &at) else { return nil }
        var byLevel: [[Segment]] = []
        for _ in 0..<levels {
            guard let _ = LeafPage.varint(record, &at), let count = LeafPage.varint(record, &at) else { return nil }
            var level: [Segment] = []
            for _ in 0..<count {
                guard let id = LeafPage.varint(record, &at), let first = LeafPage.varint(record, &at),
                      let last = LeafPage.varint(record, &at), id > 0, first <= last + 1 else { return nil }
                level.append(Segment(id: Int64(id), firstPage: Int64(first), lastPage: Int64(last)))
            }
            byLevel.append(level)
        }
        guard at == record.count else { return nil }  // the second version's fields, or more
        segments = byLevel.reversed().flatMap { $0 }
    }
}
