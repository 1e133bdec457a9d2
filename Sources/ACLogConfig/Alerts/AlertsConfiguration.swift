import ACLogModel

/// The configuration's `alerts`: the channels by name and the rules that notify them.
public struct AlertsConfiguration: Sendable, Equatable {
    public var channels: [AlertChannel] = []
    public var rules: [AlertRule] = []
    /// `url`: the web view's address as people open it, for the links in notifications.
    public var link: String?
    /// `group_wait`: how long a new alert's notification waits for repeats to fold into it.
    public var groupWait: Int64 = 500_000_000

    public init() {}

    public func channel(_ name: String) -> AlertChannel? {
        channels.first { $0.name == name }
    }
}
