/// What one container cost at one moment, as `docker stats` reports it. Counters (network, block
/// I/O) are totals since the container started; a value Docker printed as `--` is nil.
public struct ResourceSample: Sendable, Equatable {
    /// The id as `docker stats` prints it: the first 12 hex digits.
    public var containerID: String
    public var name: String
    /// Percent of one CPU: a container using two full cores shows 200.
    public var cpuPercent: Double?
    public var memoryBytes: Int64?
    public var memoryLimitBytes: Int64?
    public var networkReceivedBytes: Int64?
    public var networkSentBytes: Int64?
    public var blockReadBytes: Int64?
    public var blockWrittenBytes: Int64?
    public var pids: Int64?

    public init(
        containerID: String, name: String, cpuPercent: Double? = nil, memoryBytes: Int64? = nil,
        memoryLimitBytes: Int64? = nil, networkReceivedBytes: Int64? = nil, networkSentBytes: Int64? = nil,
        blockReadBytes: Int64? = nil, blockWrittenBytes: Int64? = nil, pids: Int64? = nil
    ) {
        self.containerID = containerID
        self.name = name
        self.cpuPercent = cpuPercent
        self.memoryBytes = memoryBytes
        self.memoryLimitBytes = memoryLimitBytes
        self.networkReceivedBytes = networkReceivedBytes
        self.networkSentBytes = networkSentBytes
        self.blockReadBytes = blockReadBytes
        self.blockWrittenBytes = blockWrittenBytes
        self.pids = pids
    }

    /// A stopped or paused container reports nothing but `--`.
    public var isEmpty: Bool { cpuPercent == nil && memoryBytes == nil && pids == nil }
}
