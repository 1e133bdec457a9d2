/// One stored resource sample: a container's averages over one sampling interval.
public struct MetricSample: Sendable, Equatable {
    /// The start of the interval, nanoseconds since the epoch.
    public var time: Int64
    /// Values by metric; a metric Docker did not report is absent.
    public var values: [Metric: Double]
    public var memoryLimit: Double?
    /// What the interval adds to the container's running totals (the Prometheus counters): CPU
    /// seconds under `.cpu`, bytes under the network and block I/O metrics. Empty when nothing
    /// was measured between two frames.
    public var increments: [Metric: Double]

    public init(time: Int64, values: [Metric: Double], memoryLimit: Double? = nil, increments: [Metric: Double] = [:]) {
        self.time = time
        self.values = values
        self.memoryLimit = memoryLimit
        self.increments = increments
    }
}

/// What aclog measures of each container.
public enum Metric: String, Sendable, CaseIterable, Hashable, Comparable {
    case cpu
    case mem
    case netRx = "net_rx"
    case netTx = "net_tx"
    case blockRead = "block_read"
    case blockWrite = "block_write"
    case pids

    /// The position in `allCases`, and of the metric's columns in the tiers.
    public var ordinal: Int {
        switch self {
        case .cpu: 0
        case .mem: 1
        case .netRx: 2
        case .netTx: 3
        case .blockRead: 4
        case .blockWrite: 5
        case .pids: 6
        }
    }

    /// The column in `samples`, and the prefix of the columns in the rollup tiers.
    public var column: String { rawValue }

    public enum Unit: Sendable { case percent, bytes, bytesPerSecond, count }

    public var unit: Unit {
        switch self {
        case .cpu: .percent
        case .mem: .bytes
        case .netRx, .netTx, .blockRead, .blockWrite: .bytesPerSecond
        case .pids: .count
        }
    }

    /// What a user types after `--metric`: a group of metrics.
    public static func group(_ name: String) -> [Metric]? {
        switch name {
        case "cpu": [.cpu]
        case "mem", "memory": [.mem]
        case "net", "network": [.netRx, .netTx]
        case "block", "disk", "io": [.blockRead, .blockWrite]
        case "pids": [.pids]
        case "all": allCases
        default: Metric(rawValue: name).map { [$0] }
        }
    }

    public static func < (a: Metric, b: Metric) -> Bool { a.ordinal < b.ordinal }
}
