import ACLogModel
import ACLogStore

#if canImport(Glibc)
import Glibc
#endif

/// The one writer: buffers what the followers read and commits it in batches, a transaction per
/// `maxRecords` records or per `maxDelay`, whichever comes first. Callers that append while a
/// batch commits wait for it, so a slow disk slows the readers instead of growing memory.
public actor BatchWriter {
    public struct Policy: Sendable {
        public var maxRecords = 5_000
        public var maxDelay: Int64 = 200_000_000
        /// A commit (the heartbeat) at least this often, even with nothing to write.
        public var heartbeat: Int64 = 5_000_000_000
        public init() {}
    }

    private let store: CollectorStore
    private let policy: Policy
    private var batch = WriteBatch()
    private var batchStarted: Int64?
    private var lastCommit: Int64 = 0
    /// Where each stream stands including what is buffered; survives follower restarts.
    private var positions: [Int64: [LogStream: StreamPosition]] = [:]
    private var rows: [String: Int64] = [:]
    public private(set) var committedRecords = 0

    private let recordsRun: Bool

    /// Opens (or creates) the database and records the start of a collector run (`docker` is the
    /// CLI it runs), or, with `docker` nil, writes without a run (`aclog import`).
    public init(path: String, docker: String?, policy: Policy = Policy()) throws(StoreError) {
        store = try CollectorStore(path: path)
        if let docker { try store.beginRun(at: Timestamp.now(), pid: getpid(), docker: docker) }
        recordsRun = docker != nil
        self.policy = policy
    }

    /// Commits what is buffered and marks the run as stopped.
    public func finish() throws(StoreError) {
        try flush()
        if recordsRun { try store.endRun(at: Timestamp.now()) }
    }

    /// Inserts or refreshes a container at once; returns its row.
    public func register(_ container: ContainerInfo) throws(StoreError) -> Int64 {
        let row = try store.register(container, at: Timestamp.now())
        rows[container.id] = row
        return row
    }

    public func row(forDockerID id: String) -> Int64? { rows[id] }

    /// The row of a container known by the short id `docker stats` prints.
    public func row(forShortID id: String) -> Int64? {
        rows.first { $0.key.hasPrefix(id) }?.value
    }

    /// The checkpoints a new follower of this container resumes from.
    public func positions(row: Int64) throws(StoreError) -> [LogStream: StreamPosition] {
        if let known = positions[row] { return known }
        let stored = try store.positions(row: row)
        positions[row] = stored
        return stored
    }

    public func append(row: Int64, stream: LogStream, records: [LogRecord], position: StreamPosition) throws(StoreError) {
        batch.append(row: row, stream: stream, records: records, position: position)
        positions[row, default: [:]][stream] = position
        markWaiting()
        if batch.recordCount >= policy.maxRecords { try flush() }
    }

    /// After a read to the end of a container's log: a stream that printed nothing has nothing
    /// before the other's position either, so it gets that time as its checkpoint. Without this,
    /// every later read of the container would start from the beginning.
    public func markComplete(row: Int64) {
        guard let known = positions[row], let latest = known.values.map(\.time).max() else { return }
        for stream in LogStream.allCases where known[stream] == nil {
            let position = StreamPosition(time: latest, countAtTime: 0)
            batch.append(row: row, stream: stream, records: [], position: position)
            positions[row, default: [:]][stream] = position
            markWaiting()
        }
    }

    public func append(event: ContainerEvent, row: Int64) {
        batch.events.append((row, event))
        markWaiting()
    }

    /// Resource samples of closed intervals; those of containers not registered yet are dropped.
    public func append(samples: [SampleAverager.Closed]) {
        for closed in samples {
            guard let row = row(forShortID: closed.containerID) else { continue }
            batch.samples.append((row, closed.sample))
        }
        if !samples.isEmpty { markWaiting() }
    }

    /// Keeps what this collector was told, for `aclog status`.
    public func record(_ settings: StoredSettings) throws(StoreError) {
        try settings.write(to: store.db)
    }

    /// Records a container's CPU limit (percent of one core, nil for none). Returns false for a
    /// container not registered yet.
    public func setCPULimit(_ limit: Double?, shortID: String) throws(StoreError) -> Bool {
        guard let row = row(forShortID: shortID) else { return false }
        try store.setCPULimit(limit, row: row)
        return true
    }

    /// One step of rollups and retention, after committing what is buffered. Returns true while
    /// more steps are waiting.
    public func maintain(now: Int64, policy: RetentionPolicy) throws(StoreError) -> Bool {
        try flush()
        return try Maintenance(db: store.db, samples: store.samples).step(now: now, policy: policy).more
    }

    public func append(gap: Gap, row: Int64?) {
        batch.gaps.append((row, gap))
        markWaiting()
    }

    /// The batch holds something from now on, if it did not already.
    private func markWaiting() {
        if batchStarted == nil { batchStarted = Timestamp.now() }
    }

    /// Commits when the oldest buffered item has waited `maxDelay`, or for the heartbeat.
    public func flushIfDue() throws(StoreError) {
        let now = Timestamp.now()
        if let started = batchStarted, now - started >= policy.maxDelay {
            try flush()
        } else if now - lastCommit >= policy.heartbeat {
            try flush()
        }
    }

    public func flush() throws(StoreError) {
        let now = Timestamp.now()
        let count = batch.recordCount
        try store.commit(batch, at: now)
        committedRecords += count
        batch = WriteBatch()
        batchStarted = nil
        lastCommit = now
    }
}
