import ACLogAlerts
import ACLogModel
import ACLogSQLite
import ACLogStore
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The one writer: buffers what the followers read and commits it in batches, a transaction per
/// `maxRecords` records or per `maxDelay`, whichever comes first. Callers that append while a
/// batch commits wait for it, so a slow disk slows the readers instead of growing memory.
///
/// When the database cannot be written (disk full, read-only file system) the writer says so
/// once, keeps what it holds and retries every `retryEvery`; once it holds `bufferLimit` records
/// the followers that append wait, so their `docker logs` stop reading and Docker keeps the lines.
/// When a commit succeeds again it says so once and they go on where they stopped.
public actor BatchWriter {
    public struct Policy: Sendable {
        public var maxRecords = 5_000
        /// How long a batch waits while someone follows the database live (`FollowerPresence`).
        public var maxDelay: Int64 = 50_000_000
        /// How long it waits while nobody does (never less than `maxDelay`).
        public var unwatchedDelay: Int64 = 200_000_000
        /// A follower's mark younger than this says someone follows.
        public var followerFreshFor = FollowerPresence.freshFor
        /// A commit (the heartbeat) at least this often, even with nothing to write.
        public var heartbeat: Int64 = 5_000_000_000
        /// While commits fail: the most records held before appending waits.
        public var bufferLimit = 50_000
        public var retryEvery: Int64 = 1_000_000_000
        public init() {}
    }

    /// Commits fail since `since`; the last attempt was at `lastTry`.
    struct Failure {
        var error: StoreError
        var since: Int64
        var lastTry: Int64
    }

    let store: CollectorStore
    /// What the pipelines hold that is not stored yet, for each commit's `settled` time.
    nonisolated let openRecords = OpenRecords()
    private let policy: Policy
    private var batch = WriteBatch()
    private var batchStarted: Int64?
    private var lastCommit: Int64 = 0
    /// Where each stream stands including what is buffered; survives follower restarts.
    private var positions: [Int64: [LogStream: StreamPosition]] = [:]
    private var rows: [String: Int64] = [:]
    /// Each registered container by its row, for the alerts' service and container names.
    var containers: [Int64: ContainerInfo] = [:]
    /// Alert rules judged in each commit, and the outbox of their notifications (`BatchWriter+Alerts`).
    var alerts: WriterAlerts?
    public private(set) var committedRecords = 0
    /// Commit durations and the containers read, for `/metrics` in this process.
    public nonisolated let telemetry = CollectorTelemetry()

    private let recordsRun: Bool
    private let logger: Logger
    var failure: Failure?
    /// Appenders waiting for a commit to succeed again.
    private var waiting: [CheckedContinuation<Void, Never>] = []
    var appendersWaiting: Int { waiting.count }
    /// Told after each commit that stored records or events (a live view in the same process).
    private var committed: (@Sendable () -> Void)?

    /// Opens (or creates) the database and records the start of a collector run (`docker` is the
    /// CLI it runs), or, with `docker` nil, writes without a run (`aclog import`).
    public init(path: String, docker: String?, policy: Policy = Policy(), logger: Logger = Logger(label: "aclog")) throws(StoreError) {
        store = try CollectorStore(path: path) { from, to in
            logger.notice("bringing the database from schema \(from) to \(to), once (a large one takes a while)")
        }
        if let docker { try store.beginRun(at: Timestamp.now(), pid: getpid(), docker: docker) }
        recordsRun = docker != nil
        self.policy = policy
        self.logger = logger
    }

    /// Calls `observer` after each commit that stores records or events, so a live view in the
    /// same process reads them at once instead of on its next poll.
    public func onCommit(_ observer: @escaping @Sendable () -> Void) {
        committed = observer
    }

    /// Whether commits are failing now.
    public var isFailing: Bool { failure != nil }

    /// Caps the database at its size now plus `extra` pages (nil: no cap), as a full disk would:
    /// for tests of what happens when commits fail.
    func capPages(extra: Int64?) throws(StoreError) {
        let pages = try store.db.scalarInt("PRAGMA page_count") ?? 0
        _ = try store.db.scalarInt("PRAGMA max_page_count = \(extra.map { pages + $0 } ?? 1_073_741_823)")
    }

    /// Commits what is buffered and marks the run as stopped.
    public func finish() throws(StoreError) {
        try flush()
        if recordsRun { try store.endRun(at: Timestamp.now()) }
        store.releaseWriterLock()
    }

    /// Inserts or refreshes a container at once; returns its row.
    public func register(_ container: ContainerInfo) throws(StoreError) -> Int64 {
        let row = try store.register(container, at: Timestamp.now())
        rows[container.id] = row
        containers[row] = container
        alerts?.engine.registered(container, now: Timestamp.now())
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

    /// Buffers records with their stream's new position; commits when the batch is full. While
    /// commits fail and the buffer is full, waits until one succeeds.
    public func append(row: Int64, stream: LogStream, records: [LogRecord], position: StreamPosition) async {
        batch.append(row: row, stream: stream, records: records, position: position)
        positions[row, default: [:]][stream] = position
        markWaiting()
        if batch.recordCount >= policy.maxRecords { commitSoon() }
        while failure != nil && batch.recordCount >= policy.bufferLimit {
            if waiting.isEmpty { logger.warning("holding \(batch.recordCount) records: the followers wait for the database") }
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    /// Commits a full batch as the writer's next job instead of inside `append`: the appender goes
    /// back to reading and parsing its next lines while the batch commits, on the other core.
    /// Appends that come during the commit wait for it, so about two batches are held at most.
    private func commitSoon() {
        guard !commitPending else { return }
        commitPending = true
        Task {
            commitPending = false
            if batch.recordCount >= policy.maxRecords { tryFlush() }
        }
    }

    private var commitPending = false

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

    /// Once per run, with the first listing of containers: those removed while the collector was
    /// not running get their gap (`CollectorStore.closeContainersGone`). Returns their names.
    public func closeContainersGone(listed: Set<String>) throws(StoreError) -> [String] {
        guard !checkedForGone else { return [] }
        checkedForGone = true
        return try store.closeContainersGone(listed: listed, at: Timestamp.now())
    }

    private var checkedForGone = false
    /// The settled time of the last commit, and the newest record time committed.
    private var lastSettled: Int64 = .min
    private var committedUpTo: Int64 = .min

    /// The Docker engine stopped answering at `since`, or answers again (nil): `aclog ps` says
    /// how old the containers' states are.
    public func noteEngine(downSince since: Int64?) throws(StoreError) {
        try store.setEngineDown(since: since)
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
        if let name = containers[row]?.name { alerts?.engine.setCPULimit(limit, container: name) }
        return true
    }

    /// One step of rollups and retention, after committing what is buffered. Returns true while
    /// more steps are waiting.
    public func maintain(now: Int64, policy: RetentionPolicy, rollUp: Bool) throws(StoreError) -> Bool {
        // Nothing can be written while commits fail; retention waits for them to succeed.
        guard failure == nil else { return false }
        // What is buffered goes first, so retention sees it; an empty batch waits for the heartbeat.
        if !batch.isEmpty { try flush() }
        let start = Timestamp.now()
        defer { noteHold(since: start, doing: "a retention step") }
        let maintenance = Maintenance(db: store.db, samples: store.samples)
        let step = try maintenance.step(now: now, policy: policy, rollUp: rollUp, limit: &sizeLimit)
        return step.more
    }

    /// The size limit's rule, with whether pruning to it is under way.
    private var sizeLimit: SizeLimit?

    public func append(gap: Gap, row: Int64?) {
        batch.gaps.append((row, gap))
        markWaiting()
    }

    /// The batch holds something from now on, if it did not already.
    private func markWaiting() {
        if batchStarted == nil { batchStarted = Timestamp.now() }
    }

    /// Commits when the oldest buffered item has waited `maxDelay`, or for the heartbeat, or when
    /// the last commit's settled time is behind the records it stored (they wait on `tail -f`
    /// until a commit passes them: it comes `maxDelay` later, not with the next heartbeat).
    /// Returns how long until the next commit may be due (nanoseconds), for the caller's clock.
    @discardableResult
    public func flushIfDue() -> Int64 {
        if Timestamp.now() >= nextCommitDue { tryFlush() }
        return max(0, nextCommitDue - Timestamp.now())
    }

    /// When the next commit is due: the heartbeat, the batch's `maxDelay`, or `maxDelay` after a
    /// commit whose settled time was behind its records; with alert rules, every second, when
    /// the conditions that last are judged (a silence must not wait for the heartbeat).
    private var nextCommitDue: Int64 {
        var due = lastCommit + (alerts == nil ? policy.heartbeat : min(policy.heartbeat, Timestamp.nanosPerSecond))
        let delay = followed ? policy.maxDelay : max(policy.maxDelay, policy.unwatchedDelay)
        if let started = batchStarted { due = min(due, started + delay) }
        if lastSettled < committedUpTo { due = min(due, lastCommit + delay) }
        return due
    }

    /// Whether someone follows the database live, looked at no more than 5 times a second.
    private var followed: Bool {
        let now = Timestamp.now()
        if followedLook.pass(now: now) {
            followedNow = FollowerPresence.isFollowed(database: store.db.path, now: now, freshFor: policy.followerFreshFor)
        }
        return followedNow
    }
    private var followedLook = Throttle(every: 200_000_000)
    private var followedNow = false

    /// Commits; when that fails, keeps the batch, says so once, and retries `retryEvery` later.
    private func tryFlush() {
        let now = Timestamp.now()
        if let failure, now - failure.lastTry < policy.retryEvery { return }
        do {
            try flush()
            if let failure {
                logger.notice("the database can be written again after \((now - failure.since) / Timestamp.nanosPerSecond) s; collecting on")
                self.failure = nil
                let resumed = waiting
                waiting = []
                for continuation in resumed { continuation.resume() }
            }
        } catch {
            if failure == nil {
                logger.error("cannot write to the database: \(error); holding up to \(policy.bufferLimit) records, then pausing the followers (Docker keeps their lines); retrying every \(policy.retryEvery / Timestamp.nanosPerSecond) s")
                failure = Failure(error: error, since: now, lastTry: now)
            } else {
                failure?.lastTry = now
            }
        }
    }

    public func flush() throws(StoreError) {
        let now = Timestamp.now()
        let count = batch.recordCount
        let news = count > 0 || !batch.events.isEmpty
        let settled = min(openRecords.oldest ?? .max, now - openRecords.slack(now: now))
        batch.settled = settled
        var notified = false
        do {
            try store.commit(batch, at: now) { newEvents throws(StoreError) in
                notified = try judgeAlerts(batch, newEvents: newEvents, now: now)
            }
        } catch {
            alertsRolledBack()
            throw error
        }
        if notified { alerts?.wake() }
        telemetry.committed(in: Double(Timestamp.now() - now) / 1e9)
        lastSettled = settled
        if let newest = batch.newestRecord { committedUpTo = max(committedUpTo, newest) }
        committedRecords += count
        batch = WriteBatch()
        batchStarted = nil
        lastCommit = now
        noteHold(since: now, doing: "a commit of \(count) records")
        if news { committed?() }
    }

    /// The longest the writer was held by one commit or one retention step (nanoseconds): while
    /// it is held, followers that append wait.
    public private(set) var longestHold: Int64 = 0

    private func noteHold(since start: Int64, doing what: String) {
        let held = Timestamp.now() - start
        longestHold = max(longestHold, held)
        if held > 250_000_000 { logger.warning("the writer was held \(held / 1_000_000) ms by \(what)") }
    }
}
