import ACLogModel
import ACLogSQLite

/// `aclog grep -c` without reading the records: the ids the search index lists for the pattern,
/// each told by its container through `record_containers` (migration 16). It serves the spans of
/// the window that lie wholly inside it and that the table covers, when the index's answer is the
/// pattern's: a whole word (`-w`, as `grep` itself trusts it), or a fragment compared without
/// case, whose every occurrence in an ASCII message lies in an indexed word that holds it. A record
/// whose message is not ASCII is read and checked; the other spans are read as before.
///
/// The ids come from the index's own lists (`IndexDoclists`): 5.1M of them for `info` in about
/// 30 ms. Where those are not laid out as read there, SQLite walks the index (`IdTally`, 160 ms
/// for the same on one core).
extension ReadOnlyDatabase {
    /// An index query whose matches are the pattern's, with its words as the index holds them;
    /// `everywhere`: for every record, not only ASCII ones.
    struct ExactQuery: Sendable {
        var match: String
        var words: [[UInt8]]
        var everywhere: Bool
    }

    /// The pattern's exact index query, or nil. A fragment's words are looked up only for a window
    /// of at least one record in `fragmentShare` of the index's, as `grep` does: reading them costs
    /// about as much as reading that many records.
    func exactIndexQuery(_ pattern: SearchPattern, window: () throws(StoreError) -> Int64) throws(StoreError) -> ExactQuery? {
        if let query = pattern.ftsQuery, !pattern.needsCheck {
            // One ASCII word (needsCheck is false for no other), folded as the tokenizer folds it.
            return ExactQuery(match: query, words: SearchPattern.words(pattern.text).map { Array($0.lowercased().utf8) }, everywhere: true)
        }
        guard let fragments = pattern.fragments, pattern.substringIgnoresCase,
              let indexed = try IndexTerms.indexedRecords(in: db), try window() * Self.fragmentShare >= indexed,
              let candidates = try IndexTerms.containing(anyOf: fragments, in: db, limit: Self.fragmentWords),
              candidates.prefixes.isEmpty  // a word cut short may hold the fragment past the cut, or not
        else { return nil }
        return ExactQuery(match: SearchPattern.fragmentQuery(candidates, fragments), words: candidates.words.map { Array($0.utf8) },
                          everywhere: false)
    }

    /// The first record id `record_containers` covers, and every one after it; nil: none.
    func containersCoveredFrom() throws(StoreError) -> Int64? {
        try db.scalarInt(NamedQuery.sql("record_containers_start"))
    }

    /// How many records from `first` to `last` match, per container of `wanted` (nil: all): the ids
    /// of `listed` (or, without it, those SQLite finds for the query), told by their runs; those of
    /// a flagged run, when the query is not exact everywhere, are read and checked with `pattern`.
    static func countThroughIndex(_ db: SQLiteConnection, _ query: ExactQuery, listed: IDBitmap?, pattern: SearchPattern,
                                  first: Int64, last: Int64, wanted: Set<Int64>?) throws(StoreError) -> [Int64: Int] {
        var starts: [Int64] = []
        var runs: [ContainerRuns.Run] = []
        let rows = try db.prepare(NamedQuery.sql("record_containers"))
        try rows.bind(first, named: ":first")
        try rows.bind(last, named: ":last")
        while try rows.step() {
            var at = rows.int64(0)
            guard let decoded = rows.withBlob(2, { ContainerRuns(decoding: $0) }) else {
                throw .sqlite(code: 11, message: "record_containers row \(at) is not as aclog writes it")
            }
            for run in decoded.runs {
                starts.append(at)
                runs.append(run)
                at += run.count
            }
        }
        var counts: [Int64: Int] = [:]
        var toCheck: [Int64] = []
        if let listed {
            var covered = first
            for (start, run) in zip(starts, runs) where start + run.count > first && start <= last {
                let (a, b) = (max(start, first), min(start + run.count - 1, last))
                toCheck += listed.ids(from: covered, through: a - 1)  // ids no run covers
                covered = b + 1
                if run.checked && !query.everywhere {
                    toCheck += listed.ids(from: a, through: b)
                } else if wanted?.contains(run.container) ?? true {
                    let n = listed.count(from: a, through: b)
                    if n > 0 { counts[run.container, default: 0] += n }
                }
            }
            toCheck += listed.ids(from: covered, through: last)
        } else {
            let tally = IdTally(starts: starts, runs: runs, everywhere: query.everywhere)
            try tally.feed(match: query.match, first: first, last: last, on: db)
            toCheck = tally.toCheck
            for (run, n) in zip(runs, tally.perRun) where n > 0 && wanted?.contains(run.container) ?? true {
                counts[run.container, default: 0] += n
            }
        }
        let read = try db.prepare(NamedQuery.sql("records_to_check"))
        var start = 0
        while start < toCheck.count {
            let chunk = toCheck[start..<min(start + 500, toCheck.count)]
            read.reset()
            try read.bind(jsonArray(Array(chunk)), named: ":ids")
            while try read.step() {
                let container = read.int64(0)
                guard wanted?.contains(container) ?? true, pattern.matches(read.text(1)) else { continue }
                counts[container, default: 0] += 1
            }
            start += chunk.count
        }
        return counts
    }
}

extension ReadOnlyDatabase {
    /// Spans counted through the index are taken this many records at a time, on two threads.
    static let indexCountRecords: Int64 = 1 << 20

    /// `countMatches` through the index where it can (above), the rest of the window read; nil
    /// when no span of the window can be.
    func countThroughIndex(_ pattern: SearchPattern, containers: [Int64], since: Int64, until: Int64,
                           minLevel: Level) throws(StoreError) -> [String: Int]? {
        guard minLevel.rawValue == 0, let start = try containersCoveredFrom() else { return nil }
        var work: [RecordSpan] = []
        var indexed = Set<Int64>()  // the first ids of the pieces of work counted through the index
        for span in try recordSpans(since: since, until: until) {
            guard span.firstID >= start, span.minTime >= since, span.maxTime < until else {
                work.append(span)
                continue
            }
            if let last = work.last, indexed.contains(last.firstID), last.lastID + 1 == span.firstID,
               last.records + span.records <= Self.indexCountRecords {
                work[work.count - 1].lastID = span.lastID
                work[work.count - 1].records += span.records
            } else {
                work.append(span)
                indexed.insert(span.firstID)
            }
        }
        guard !indexed.isEmpty, let query = try exactIndexQuery(pattern, window: { () throws(StoreError) in
            try windowSize(containers: containers, since: since, until: until)
        }) else { return nil }
        let pieces = work.filter { indexed.contains($0.firstID) }
        let listed = try IndexDoclists.records(holdingAnyOf: query.words, from: pieces.map(\.firstID).min()!,
                                               through: pieces.map(\.lastID).max()!, in: db)
        let path = db.path
        let throughIndex = indexed
        let labels = try containerLabels(containers)
        let wanted: Set<Int64>? = try Set(containers).isSuperset(of: allContainers()) ? nil : Set(containers)
        let asked = wanted.map { Array($0) }
        let perPiece = ParallelSpans(work) { () throws(StoreError) in
            let reader = try ReadOnlyDatabase(path: path)
            let scan = try reader.db.prepare(NamedQuery.sql("grep_count_scan"))
            return { (piece) throws(StoreError) -> [Int64: Int] in
                if throughIndex.contains(piece.firstID) {
                    return try Self.countThroughIndex(reader.db, query, listed: listed, pattern: pattern,
                                                      first: piece.firstID, last: piece.lastID, wanted: wanted)
                }
                scan.reset()
                try reader.bindRows(scan, pattern, first: piece.firstID, last: piece.lastID, containers: asked,
                                    since: since, until: until, minLevel: minLevel)
                var counts: [Int64: Int] = [:]
                while try scan.step() { counts[scan.int64(0), default: 0] += 1 }
                return counts
            }
        }
        defer { perPiece.stop() }
        var counts: [String: Int] = [:]
        while let some = try perPiece.next() {
            for (container, n) in some { counts[labels[container]?.service ?? "", default: 0] += n }
        }
        return counts
    }
}
