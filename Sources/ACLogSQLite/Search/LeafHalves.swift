import Dispatch
import Synchronization

/// Reads the full-text index's leaf pages for the words that hold a fragment, in two halves at
/// once: one on the caller's connection, the other on a connection and a thread of its own. Only
/// the leaves on which a word begins are read (a third of the 184 MB of the 10M-record index's
/// leaves); that is most of the time a default `aclog grep a3f9` takes to show its first line.
///
/// Each half is read in one read transaction and with the index's structure record. When the two
/// records differ (a write came between), the halves may come from different indexes, and the
/// caller's connection reads all of it alone.
enum LeafHalves {
    /// An index of fewer leaves than this is read on the caller's connection alone: a thread and a
    /// connection would cost more than they save.
    static let fewLeaves: Int64 = 256

    /// What reading some leaves found: nil words when a page was not laid out as `LeafPage` reads
    /// it, or more than the limit hold a fragment.
    struct Half: Sendable {
        var structure: [UInt8]
        var words: Set<[UInt8]>?
    }

    /// The words holding one of `fragments` (or cut at FTS5's longest token), or nil as `Half`.
    static func words(containing fragments: [[UInt8]], in db: SQLiteConnection, limit: Int) throws(StoreError) -> Set<[UInt8]>? {
        let whole = (from: Int64(0), to: Int64.max)
        // Inside a transaction, the caller's snapshot may be older than another connection's.
        guard !db.inTransaction, let split = try secondHalf(db) else { return try read(db, whole, fragments, limit).words }
        let other = Mutex<Result<Half, StoreError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let path = db.path
        DispatchQueue.global().async {
            let result = Result { () throws(StoreError) in
                try read(SQLiteConnection(path: path, mode: .readOnly), (split, Int64.max), fragments, limit)
            }
            other.withLock { $0 = result }
            done.signal()
        }
        let mine = try read(db, (0, split), fragments, limit)
        done.wait()
        guard case .success(let theirs) = other.withLock({ $0! }), theirs.structure == mine.structure else {
            return try read(db, whole, fragments, limit).words
        }
        guard let a = mine.words, let b = theirs.words else { return nil }
        let both = a.union(b)
        return both.count <= limit ? both : nil
    }

    /// The id of the leaf where the second half begins, or nil when the index has few leaves.
    static func secondHalf(_ db: SQLiteConnection) throws(StoreError) -> Int64? {
        let s = try db.prepare(NamedQuery.sql("index_segments"))
        var segments: [(id: Int64, leaves: Int64)] = []
        while try s.step() { segments.append((s.int64(0), s.int64(1))) }
        let total = segments.reduce(0) { $0 + $1.leaves }
        guard total >= fewLeaves else { return nil }
        var before: Int64 = 0
        for segment in segments {
            if before + segment.leaves > total / 2 {
                let nth = try db.prepare(NamedQuery.sql("index_nth_leaf"))
                try nth.bind(segment.id, named: ":segment")
                try nth.bind(total / 2 - before, named: ":nth")
                return try nth.step() ? nth.int64(0) : nil
            }
            before += segment.leaves
        }
        return nil
    }

    /// Reads the leaves with ids in `range` and the structure record, in one read transaction (the
    /// caller's, when one is open).
    static func read(_ db: SQLiteConnection, _ range: (from: Int64, to: Int64), _ fragments: [[UInt8]],
                     _ limit: Int) throws(StoreError) -> Half {
        let begins = !db.inTransaction
        if begins { try db.execute("BEGIN DEFERRED") }
        defer { if begins { try? db.execute("COMMIT") } }
        let structure = try db.prepare(NamedQuery.sql("index_structure"))
        defer { structure.reset() }
        var half = Half(structure: try structure.step() ? structure.withBlob(0) { Array($0) } : [], words: nil)
        let words = FragmentWords(fragments)
        var found = Set<[UInt8]>()
        let leaves = try db.prepare(NamedQuery.sql("index_leaves"))
        defer { leaves.reset() }
        try leaves.bind(range.from, named: ":from")
        try leaves.bind(range.to, named: ":to")
        while try leaves.step() {
            let complete = leaves.withBlob(0) { page in
                words.scan(page) { found.insert(Array($0)) }
            }
            guard complete, found.count <= limit else { return half }
        }
        half.words = found
        return half
    }
}
