import ACLogModel
import ACLogSQLite
#if canImport(Glibc)
import Glibc
#endif

/// `aclog export`: one window of some services as a database of its own, which every command reads
/// with `--db` and which says what window it holds: records with their search index, events,
/// samples of every tier that overlaps, gaps, containers, counts, the collector's runs clipped to
/// the window, the alerts notified in it. Everything is copied as stored (redacted already).
public struct WindowExport: Sendable {
    public var services: [String]
    /// Widened to whole minutes, so that the per-minute counts hold exactly the records copied.
    public var since: Int64
    public var until: Int64

    public init(services: [String] = [], since: Int64, until: Int64) {
        let minute = Timestamp.nanosPerMinute
        self.services = services
        self.since = Timestamp.floor(since, to: minute)
        self.until = Timestamp.floor(until + minute - 1, to: minute)
    }

    /// What was written.
    public struct Written: Sendable, Equatable {
        public var records: Int64
        public var containers: Int64
        public var bytes: Int64
    }

    /// Writes the window of `source` into a new database at `path`, which must not exist yet. It
    /// is written under another name and renamed when whole: an export cut short leaves no file
    /// that looks like one.
    public func write(from source: ReadOnlyDatabase, to path: String) throws -> Written {
        let partial = path + ".partial"
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(partial + suffix) }
        let written: Written
        do {
            written = try copy(from: source, to: partial)
        } catch {
            unlink(partial)
            throw error
        }
        guard rename(partial, path) == 0 else {
            unlink(partial)
            throw StoreError.cannotOpen(path: path, message: "cannot rename the finished export into place")
        }
        return written
    }

    private func copy(from source: ReadOnlyDatabase, to path: String) throws -> Written {
        let containers = try source.containers(for: services)
        let target = try SQLiteConnection(path: path, mode: .readWriteCreate)
        // A new file that is renamed only once whole needs no journal while it is written.
        try target.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        try Migrator().migrate(target)
        let attach = try target.prepare("ATTACH DATABASE ?1 AS src")
        attach.bind(source.db.path, at: 1)
        _ = try attach.step()
        try target.transaction { () throws(StoreError) in
            try target.runScript(NamedQuery.sql("export/copy_window"), parameters: [
                ":containers": .text(ReadOnlyDatabase.jsonArray(containers)), ":since": .integer(since), ":until": .integer(until),
            ])
            try writePriorContext(from: source, containers: containers, into: target)
        }
        try target.execute("DETACH DATABASE src")
        try target.execute("PRAGMA journal_mode = DELETE")
        let records = try target.scalarInt("SELECT count(*) FROM records") ?? 0
        let rows = try target.scalarInt("SELECT count(*) FROM containers") ?? 0
        let bytes = (try target.scalarInt("PRAGMA page_count") ?? 0) * (try target.scalarInt("PRAGMA page_size") ?? 0)
        return Written(records: records, containers: rows, bytes: bytes)
    }
}

extension WindowExport {
    /// What the timeline of the window judges against and the window does not hold: the error
    /// signatures seen in the week before, and the errors of the day before.
    func writePriorContext(from source: ReadOnlyDatabase, containers: [Int64], into target: SQLiteConnection) throws(StoreError) {
        let week = Int64(ErrorMoments.newWithinDays) * 86_400 * Timestamp.nanosPerSecond
        let memory = try SignatureMemory(db: source.db, since: since - week, until: since)
        let services = Set(try source.services(of: containers))
        let signature = try target.prepare(NamedQuery.sql("export/insert_prior_signature"))
        for seen in memory.known where services.contains(seen.service) {
            signature.reset()
            signature.bind(seen.service, at: 1)
            signature.bind(seen.signature, at: 2)
            signature.bind(seen.last, at: 3)
            try signature.step()
        }
        let dayBefore = since - ErrorMoments.baselineSpan
        let errors = try target.prepare(NamedQuery.sql("export/insert_prior_errors"))
        for (service, totals) in try source.errorTotals(containers: containers, since: dayBefore, until: since) {
            errors.reset()
            errors.bind(service, at: 1)
            errors.bind(totals.errors, at: 2)
            errors.bind(dayBefore, at: 3)
            errors.bind(since, at: 4)
            try errors.step()
        }
    }
}

extension ReadOnlyDatabase {
    /// In an export: the errors per service its source had in [since, until), when that is the
    /// span before its window that it kept.
    func priorErrors(since: Int64, until: Int64) throws(StoreError) -> [String: Int64] {
        let s = try db.prepare(NamedQuery.sql("prior_errors"))
        try s.bind(since, named: ":since")
        try s.bind(until, named: ":until")
        var errors: [String: Int64] = [:]
        while try s.step() { errors[s.text(0)] = s.int64(1) }
        return errors
    }

    /// The window an exported database holds; nil for one a collector wrote.
    public func exportedWindow() throws(StoreError) -> (since: Int64, until: Int64)? {
        let s = try db.prepare(NamedQuery.sql("export/window"))
        guard try s.step(), !s.isNull(0), !s.isNull(1) else { return nil }
        return (s.int64(0), s.int64(1))
    }
}
