import ACLogModel
import Synchronization

/// The records read but not stored yet, by the time of their first line: a traceback that waits
/// for its next line, or records on their way to the writer. Each commit says how far the stored
/// records are complete (`settled`): before the oldest of these, or up to the commit when there is
/// none, so that `aclog tail -f` prints in time order without waiting when nothing is open.
final class OpenRecords: Sendable {
    /// Lines of different containers come through different `docker logs` pipes: one written
    /// earlier may be read later than another's, the more so on a busy machine. The settled time
    /// stays behind the commit by the longest such delay seen in the last 10 s, and at least this.
    /// (Lines written before their follower began waited to be read, and say nothing of the pipes:
    /// a container's start is held by `followerStarting` instead.)
    static let minimumSlack: Int64 = 20_000_000
    /// Lines read later than this were read back (a restart, a backfill), not followed.
    static let followedDelay: Int64 = 5_000_000_000
    private let recentDelay = Mutex<(delay: Int64, at: Int64)>((0, 0))

    /// A batch of lines was read `delay` after the first of them was written.
    func noteReadDelay(_ delay: Int64, now: Int64) {
        guard delay < Self.followedDelay else { return }
        recentDelay.withLock { recent in
            if delay >= recent.delay || now - recent.at > 10_000_000_000 { recent = (max(0, delay), now) }
        }
    }

    /// How far behind the commit the settled time stays.
    func slack(now: Int64) -> Int64 {
        let recent = recentDelay.withLock { now - $0.at <= 10_000_000_000 ? $0.delay : 0 }
        return max(Self.minimumSlack, recent + 50_000_000)
    }

    private let oldestByStream = Mutex<[Int64: Int64]>([:])

    /// The oldest record of a container's stream not stored yet; nil when there is none.
    func note(row: Int64, stream: LogStream, oldest: Int64?) {
        let key = row << 1 | Int64(stream.rawValue & 1)
        oldestByStream.withLock { $0[key] = oldest }
    }

    /// Followers just started for containers that started while the collector ran: their first
    /// lines (written since the start) are not read yet. Until a follower's first delivery, or
    /// for this long at most (a container that prints nothing), the settled time stays before them.
    static let startingHold: Int64 = 1_000_000_000
    private let starting = Mutex<[Int64: (since: Int64, until: Int64)]>([:])

    func followerStarting(row: Int64, since: Int64, now: Int64) {
        starting.withLock { $0[row] = (since, now + Self.startingHold) }
    }

    func followerDelivered(row: Int64) {
        starting.withLock { _ = $0.removeValue(forKey: row) }
    }

    var oldest: Int64? {
        let now = Timestamp.now()
        let open = oldestByStream.withLock { $0.values.min() }
        let unread = starting.withLock { holds in
            holds = holds.filter { $0.value.until > now }
            return holds.values.map(\.since).min()
        }
        return [open, unread].compactMap { $0 }.min()
    }
}
