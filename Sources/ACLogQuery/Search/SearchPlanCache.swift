import ACLogSQLite

/// What a search works out about the database to choose its plan, kept for the questions that
/// follow (a search asks for its plan up to three times, and a window's size is summed from a
/// week of per-minute counts) while no other connection commits (`PRAGMA data_version`): the web
/// view keeps its connections open.
struct SearchPlanCache {
    private var version: Int64 = -1
    /// Records in a window, by containers and times.
    var windows: [String: Int64] = [:]
    /// The index's words that hold a pattern's fragments (`IndexTerms`).
    var candidates: [[[UInt8]]: IndexTerms.Candidates?] = [:]
    /// The index query chosen for a pattern, a plan and a window (nil: a scan).
    var queries: [String: String?] = [:]

    /// Forgets everything when another connection has committed since, or when it holds many.
    mutating func refresh(_ db: SQLiteConnection) throws(StoreError) {
        let now = try db.scalarInt(NamedQuery.sql("data_version")) ?? 0
        if now != version || windows.count + candidates.count + queries.count > 256 { self = SearchPlanCache(version: now) }
    }

    init() {}

    private init(version: Int64) {
        self.version = version
    }
}
