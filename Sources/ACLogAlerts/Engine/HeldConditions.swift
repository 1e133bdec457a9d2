/// Conditions that last (a rate above its threshold, a resource near its limit, a silence): when
/// one began to hold, whether it has held for the rule's `for`, and when it ends.
struct HeldConditions {
    struct State {
        /// Since when it holds; nil while it does not.
        var since: Int64?
        var firing = false
    }

    private var states: [AlertBook.Key: State] = [:]

    /// Whether the alert begins or ends firing now. `wasFiring` is the book's word for an alert
    /// this engine has not judged yet (one that fired before a restart of the collector).
    mutating func update(_ key: AlertBook.Key, holds: Bool, now: Int64, holdFor: Int64, wasFiring: Bool) -> Occurrence.Kind? {
        var state = states[key] ?? State(since: wasFiring ? now : nil, firing: wasFiring)
        defer { states[key] = state }
        if holds {
            if state.since == nil { state.since = now }
            guard !state.firing, now - state.since! >= holdFor else { return nil }
            state.firing = true
            return .fires
        }
        state.since = nil
        guard state.firing else { return nil }
        state.firing = false
        return .resolves
    }
}
