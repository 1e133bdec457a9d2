import ACLogQuery

/// The conditions that last, one `HeldCondition` per alert.
struct HeldConditions {
    private var states: [AlertBook.Key: HeldCondition] = [:]

    /// Whether the alert begins or ends firing now. `wasFiring` is the book's word for an alert
    /// this engine has not judged yet (one that fired before a restart of the collector).
    mutating func update(_ key: AlertBook.Key, holds: Bool, now: Int64, holdFor: Int64, wasFiring: Bool) -> Occurrence.Kind? {
        var state = states[key] ?? HeldCondition(holdFor: holdFor, firing: wasFiring, at: now)
        defer { states[key] = state }
        switch state.update(holds: holds, at: now) {
        case .fires: return .fires
        case .resolves: return .resolves
        case nil: return nil
        }
    }
}
