extension SQLiteConnection {
    /// Every container's row id, in order: what retention and the queries go through one at a time.
    package func containerRows() throws(StoreError) -> [Int64] {
        let s = try prepare("SELECT id FROM containers ORDER BY id")
        var rows: [Int64] = []
        while try s.step() { rows.append(s.int64(0)) }
        return rows
    }
}
