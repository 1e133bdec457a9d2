/// A span in which records may be missing, and why.
public struct Gap: Sendable, Equatable {
    /// Docker id of the container, or nil for every container (the collector was not running).
    public var containerID: String?
    public var start: Int64
    public var end: Int64
    public var reason: String

    public init(containerID: String?, start: Int64, end: Int64, reason: String) {
        self.containerID = containerID
        self.start = start
        self.end = end
        self.reason = reason
    }
}
