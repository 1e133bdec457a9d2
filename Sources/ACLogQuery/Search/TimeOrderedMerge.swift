import ACLogSQLite

/// Rows of several statements, each giving one container's records in time order, handed over in
/// time order as they are read: nothing is sorted or held but one record per statement, so the
/// first comes out at once however many follow (`aclog tail --since 7d`, `aclog grep WORD | head`).
struct TimeOrderedMerge {
    private var cursors: [(statement: SQLiteStatement, head: StoredRecord)] = []

    init(_ statements: [SQLiteStatement]) throws(StoreError) {
        for statement in statements {
            if let head = try Self.next(statement) { cursors.append((statement, head)) }
        }
    }

    mutating func forEach(_ body: (StoredRecord) throws -> Void) throws {
        // A linear pass over the heads: a handful of containers, where a heap's upkeep costs more.
        while !cursors.isEmpty {
            var first = 0
            for i in cursors.indices.dropFirst()
            where (cursors[i].head.time, cursors[i].head.id) < (cursors[first].head.time, cursors[first].head.id) {
                first = i
            }
            try body(cursors[first].head)
            if let head = try Self.next(cursors[first].statement) {
                cursors[first].head = head
            } else {
                cursors.remove(at: first)
            }
        }
    }

    private static func next(_ statement: SQLiteStatement) throws(StoreError) -> StoredRecord? {
        try statement.step() ? StoredRecord(statement) : nil
    }
}
