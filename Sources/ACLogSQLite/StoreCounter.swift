/// The store's own running totals (`store_counters`), read by `/metrics`: each only grows, in the
/// transaction of what it counts.
public enum StoreCounter: String, Sendable, CaseIterable {
    /// Log records deleted by retention or by `aclog prune`.
    case recordsPruned = "records_pruned"
    /// Spans in which records may be missing, as they were recorded.
    case gapsRecorded = "gaps_recorded"
    /// Alert notifications given up on after their retry span.
    case notificationsFailed = "notifications_failed"

    public func add(_ amount: Int64, in db: SQLiteConnection) throws(StoreError) {
        guard amount != 0 else { return }
        let s = try db.prepare(NamedQuery.sql("store/add_store_counter"))
        s.bind(rawValue, at: 1)
        s.bind(amount, at: 2)
        try s.step()
    }
}
