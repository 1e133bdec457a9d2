import ACLogModel
import ACLogSQLite

/// Records of one container read since the last commit, with where each stream now stands.
public struct ContainerLogs: Sendable {
    public var row: Int64
    public var records: [LogRecord]
    public var positions: [LogStream: StreamPosition]

    public init(row: Int64, records: [LogRecord] = [], positions: [LogStream: StreamPosition] = [:]) {
        self.row = row
        self.records = records
        self.positions = positions
    }
}

/// Everything one transaction stores. Records and the checkpoints that cover them commit together,
/// so a crash never leaves a checkpoint ahead of its records or records without their checkpoint.
public struct WriteBatch: Sendable {
    public var logs: [Int64: ContainerLogs] = [:]
    public var events: [(row: Int64, event: ContainerEvent)] = []
    public var gaps: [(row: Int64?, gap: Gap)] = []
    public var samples: [(row: Int64, sample: MetricSample)] = []
    /// Every record of an earlier time is stored once this batch is (nil: all read so far).
    public var settled: Int64?
    /// The time of the newest record appended.
    public private(set) var newestRecord: Int64?

    public init() {}

    public var recordCount: Int { logs.values.reduce(0) { $0 + $1.records.count } }
    public var isEmpty: Bool { logs.isEmpty && events.isEmpty && gaps.isEmpty && samples.isEmpty }

    public mutating func append(row: Int64, stream: LogStream, records: [LogRecord], position: StreamPosition) {
        logs[row, default: ContainerLogs(row: row)].records += records
        logs[row, default: ContainerLogs(row: row)].positions[stream] = position
        for record in records { newestRecord = max(newestRecord ?? record.time, record.time) }
    }
}
