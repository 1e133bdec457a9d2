import ACLogModel
import ACLogSQLite
import CSQLite

/// Tells the ids an index query finds, in id order, by their runs of `record_containers`: how many
/// fall in each run, and which must be read (a flagged run, when the index is exact for ASCII
/// messages only, or no run at all). It serves where the index's lists are not laid out as
/// `IndexDoclists` reads them: SQLite walks the index and hands it each id through the aggregate
/// `aclog_tally(rowid)` (`grep_fts_ids.sql`), which cost less than stepping the statement from
/// Swift and reading each id (222 ms against 247 ms for `-c INFO` on 10M records).
final class IdTally {
    let starts: [Int64]
    let runs: [ContainerRuns.Run]
    let everywhere: Bool
    private(set) var perRun: [Int]
    private(set) var toCheck: [Int64] = []
    private var k = -1
    private var runEnd = Int64.min  // the id after run k

    init(starts: [Int64], runs: [ContainerRuns.Run], everywhere: Bool) {
        self.starts = starts
        self.runs = runs
        self.everywhere = everywhere
        perRun = [Int](repeating: 0, count: runs.count)
    }

    func add(_ id: Int64) {
        while id >= runEnd && k + 1 < runs.count {
            k += 1
            runEnd = starts[k] + runs[k].count
        }
        if k >= 0, id >= starts[k], id < runEnd, !runs[k].checked || everywhere {
            perRun[k] += 1
        } else {
            toCheck.append(id)
        }
    }

    /// Registers `aclog_tally(id)` on `db` with no tally: it then counts the ids it is given, so
    /// `aclog sql --query grep_fts_ids` answers too.
    static func register(on db: SQLiteConnection) {
        sqlite3_create_function_v2(db.handle, "aclog_tally", 1, SQLITE_UTF8, nil, nil, tallyStep, tallyFinal, nil)
    }

    /// Hands this tally the ids from `first` to `last` of the records holding the words of `match`
    /// (grep_fts_ids), in id order.
    func feed(match: String, first: Int64, last: Int64, on db: SQLiteConnection) throws(StoreError) {
        let me = Unmanaged.passRetained(self).toOpaque()
        sqlite3_create_function_v2(db.handle, "aclog_tally", 1, SQLITE_UTF8, me, nil, tallyStep, tallyFinal) {
            Unmanaged<IdTally>.fromOpaque($0!).release()
        }
        defer { Self.register(on: db) }
        let ids = try db.prepare(NamedQuery.sql("grep_fts_ids"))
        try ids.bind(match, named: ":match")
        try ids.bind(first, named: ":first")
        try ids.bind(last, named: ":last")
        while try ids.step() {}
    }
}

private func tallyStep(_ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let context, let arguments, count == 1 else { return }
    if let me = sqlite3_user_data(context) {
        Unmanaged<IdTally>.fromOpaque(me)._withUnsafeGuaranteedRef { $0.add(sqlite3_value_int64(arguments[0])) }
    }
    sqlite3_aggregate_context(context, 8)?.assumingMemoryBound(to: Int64.self).pointee += 1
}

/// How many ids it was given.
private func tallyFinal(_ context: OpaquePointer?) {
    let counted = sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: Int64.self).pointee ?? 0
    sqlite3_result_int64(context, counted)
}
