extension SQLiteConnection {
    /// Every container's row id, in order: what retention and the queries go through one at a time.
    package func containerRows() throws(StoreError) -> [Int64] {
        let s = try prepare(NamedQuery.sql("container_rows"))
        var rows: [Int64] = []
        while try s.step() { rows.append(s.int64(0)) }
        return rows
    }

    /// Whether the schema has the table (an older database may lack one).
    package func hasTable(_ name: String) throws(StoreError) -> Bool {
        let s = try prepare(NamedQuery.sql("has_table"))
        try s.bind(name, named: ":name")
        return try s.step() && s.int64(0) == 1
    }
}
