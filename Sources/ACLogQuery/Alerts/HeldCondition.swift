/// A condition that lasts (a rate above its threshold, a resource near its limit, a silence): it
/// fires once it has held for `holdFor`, and resolves when it ends. One for the collector's alerts
/// (`HeldConditions`, per alert) and for `aclog alerts test`'s replay.
public struct HeldCondition: Sendable {
    public enum Change: Sendable, Equatable { case fires, resolves }

    public let holdFor: Int64
    /// Since when it holds; nil while it does not.
    private var since: Int64?
    public private(set) var firing: Bool

    /// `firing`: it fired before (an alert the collector's previous run left firing); it holds
    /// from the first update on.
    public init(holdFor: Int64, firing: Bool = false, at time: Int64? = nil) {
        self.holdFor = holdFor
        self.firing = firing
        self.since = firing ? time : nil
    }

    /// Whether it begins or ends firing now.
    public mutating func update(holds: Bool, at time: Int64) -> Change? {
        guard holds else {
            since = nil
            guard firing else { return nil }
            firing = false
            return .resolves
        }
        if since == nil { since = time }
        guard !firing, time - since! >= holdFor else { return nil }
        firing = true
        return .fires
    }
}
