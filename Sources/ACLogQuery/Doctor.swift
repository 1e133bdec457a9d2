import ACLogSQLite

/// `aclog doctor`: checks the database file and that the search index agrees with the records.
public enum Doctor {
    public struct Finding: Sendable {
        public var check: String
        public var ok: Bool
        public var detail: String
    }

    /// Runs the checks. The connection is read-write because FTS5's integrity check needs one;
    /// nothing is changed.
    public static func check(path: String) throws(StoreError) -> [Finding] {
        if access(path) == false { throw .missing(path: path) }
        let db = try SQLiteConnection(path: path, mode: .readWriteCreate)
        RecordFieldsFunction.register(on: db)
        try Migrator().upgradeForReading(db)
        try Migrator().verify(db)
        var findings: [Finding] = []
        let quick = try db.prepare("PRAGMA quick_check")
        var problems: [String] = []
        while try quick.step() { if quick.text(0) != "ok" { problems.append(quick.text(0)) } }
        findings.append(Finding(check: "database file", ok: problems.isEmpty, detail: problems.isEmpty ? "quick_check ok" : problems.prefix(3).joined(separator: "; ")))
        let counts = try db.prepare(NamedQuery.sql("doctor_counts"))
        _ = try counts.step()
        let records = counts.int64(0), counted = counts.int64(1)
        // The index keeps no per-record rows (columnsize=0); its integrity check compares every
        // word of every record with it.
        do {
            try db.execute(NamedQuery.sql("store/check_search_index"))
            findings.append(Finding(check: "search index content", ok: true, detail: "matches the records"))
        } catch {
            findings.append(Finding(check: "search index content", ok: false, detail: "\(error)"))
        }
        findings.append(Finding(check: "per-minute counts", ok: counted == records, detail: "\(counted) counted of \(records) records"))
        let duplicates = try db.prepare(NamedQuery.sql("doctor_duplicates"))
        _ = try duplicates.step()
        findings.append(Finding(check: "records stored once", ok: duplicates.int64(1) == 0,
                                detail: duplicates.int64(1) == 0 ? "no record twice"
                                    : "\(duplicates.int64(0)) records stored more than once, \(duplicates.int64(1)) copies too many"))
        let writer = WriterLock.holder(of: path)
        findings.append(Finding(check: "writer", ok: true,
                                detail: writer.map { "pid \($0.pid) (\($0.command)) writes the file now" } ?? "no process writes the file now"))
        return findings
    }

    static func access(_ path: String) -> Bool {
        SQLiteConnection.fileExists(path)
    }
}
