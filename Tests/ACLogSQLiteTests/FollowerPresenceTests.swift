import ACLogSQLite
import ACLogTestSupport
import Glibc
import Testing

/// A follower's mark says someone follows the database for `freshFor` after it was touched, and
/// no longer; no mark says nobody does.
@Suite struct FollowerPresenceTests {
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    @Test func aMarkIsFreshForAWhile() throws {
        let database = temporaryDatabase()
        _ = try SQLiteConnection(path: database, mode: .readWriteCreate)
        #expect(!FollowerPresence.isFollowed(database: database, now: Self.now()))
        // Judged at times taken around the touch, so a stalled test cannot age the mark.
        let before = Self.now()
        FollowerPresence.announce(database: database)
        let after = Self.now()
        let mark = FollowerPresence.markPath(for: database)
        var info = stat()
        #expect(stat(mark, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(FollowerPresence.isFollowed(database: database, now: before))
        #expect(!FollowerPresence.isFollowed(database: database, now: after + FollowerPresence.freshFor + 1_000_000_000))
        // Touched again, it is fresh again.
        var old = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, mark, &old, 0) == 0)
        #expect(!FollowerPresence.isFollowed(database: database, now: Self.now()))
        let again = Self.now()
        FollowerPresence.announce(database: database)
        #expect(FollowerPresence.isFollowed(database: database, now: again))
    }

    @Test func aMarkThatCannotBeWrittenIsNoError() {
        FollowerPresence.announce(database: "/proc/no-such-folder/aclog.db")
        #expect(!FollowerPresence.isFollowed(database: "/proc/no-such-folder/aclog.db", now: Self.now()))
    }
}
