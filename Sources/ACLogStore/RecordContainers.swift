import ACLogModel
import ACLogSQLite
import ACLogTextSearch

/// Keeps `record_containers` (migration 16) true as batches are committed: for the ids each commit
/// stores, the container of each and whether its message must be read to be sure of an index
/// match (it is not all ASCII). `aclog grep -c` counts through it without reading the records.
final class RecordContainers {
    /// The ids one transaction stored, as runs; a new row wherever ids do not follow on.
    struct Tally {
        private(set) var rows: [(first: Int64, last: Int64, runs: ContainerRuns)] = []

        mutating func add(id: Int64, container: Int64, message: String) {
            var message = message
            let ascii = message.withUTF8 { SubstringFinder.isASCII($0) }
            if let last = rows.last, last.last + 1 == id {
                rows[rows.count - 1].last = id
                rows[rows.count - 1].runs.append(container: container, checked: !ascii)
            } else {
                var runs = ContainerRuns()
                runs.append(container: container, checked: !ascii)
                rows.append((id, id, runs))
            }
        }
    }

    private let dropStale: SQLiteStatement
    private let insert: SQLiteStatement

    init(db: SQLiteConnection) throws(StoreError) {
        dropStale = try db.prepare(NamedQuery.sql("store/drop_stale_record_containers"))
        insert = try db.prepare(NamedQuery.sql("store/insert_record_containers"))
    }

    func note(_ tally: Tally) throws(StoreError) {
        guard let first = tally.rows.first?.first else { return }
        dropStale.reset()
        dropStale.bind(first, at: 1)
        try dropStale.step()
        for row in tally.rows {
            insert.reset()
            insert.bind(row.first, at: 1)
            insert.bind(row.last, at: 2)
            insert.bind(row.runs.encoded, at: 3)
            try insert.step()
        }
    }
}
