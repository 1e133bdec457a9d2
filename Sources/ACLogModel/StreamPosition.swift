/// How far one stream of one container has been stored: the time of the last stored line and how
/// many stored lines carry exactly that time. This is the collector's checkpoint.
public struct StreamPosition: Sendable, Equatable {
    public var time: Int64
    public var countAtTime: Int

    public init(time: Int64, countAtTime: Int) {
        self.time = time
        self.countAtTime = countAtTime
    }

    /// The position after one more line at `time`.
    public mutating func advance(to time: Int64) {
        if time == self.time {
            countAtTime += 1
        } else {
            self.time = time
            countAtTime = 1
        }
    }
}

/// Drops the lines a resumed `docker logs --since <checkpoint>` sends again.
///
/// `--since` is inclusive, so Docker repeats the lines stamped exactly at the checkpoint time;
/// the first `countAtTime` of those, and any earlier line, were stored before.
///
/// The same inclusiveness tells when Docker lost lines: the last stored line must come again. When
/// the first line at or after the checkpoint is later than it, Docker no longer has that line (its
/// log files were rotated or cut while aclog was away), and lines between the two may be lost.
public struct ResumeFilter: Sendable {
    public let checkpoint: StreamPosition?
    private var seenAtCheckpoint = 0
    private var reachedCheckpoint = false
    /// The span in which lines may be lost, once the first line past the checkpoint showed one.
    public private(set) var missing: (start: Int64, end: Int64)?

    public init(checkpoint: StreamPosition?) {
        self.checkpoint = checkpoint
    }

    public mutating func admits(_ time: Int64) -> Bool {
        guard let checkpoint else { return true }
        if time < checkpoint.time { return false }
        if !reachedCheckpoint {
            reachedCheckpoint = true
            if time > checkpoint.time && checkpoint.countAtTime > 0 { missing = (checkpoint.time, time) }
        }
        if time > checkpoint.time { return true }
        seenAtCheckpoint += 1
        return seenAtCheckpoint > checkpoint.countAtTime
    }
}
