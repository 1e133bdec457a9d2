/// Applies `Migrations/NNNN_name.sql` in order, one transaction each; the schema version is
/// `PRAGMA user_version`. An aclog database is marked with `PRAGMA application_id`.
public struct Migrator {
    /// 'aclg' in ASCII.
    public static let applicationID: Int64 = 0x61_63_6C_67

    let migrations: [(name: String, sql: String)]

    public init() {
        self.migrations = EmbeddedSQL.migrations
    }

    init(migrations: [(name: String, sql: String)]) {
        self.migrations = migrations
    }

    public var latestVersion: Int { migrations.count }

    /// Brings the schema up to date. Refuses a database that belongs to another program. `announce`
    /// hears the two versions before an existing database is changed (a migration may rebuild the
    /// search index: 21 s for 10M records).
    public func migrate(_ db: SQLiteConnection, announce: (_ from: Int, _ to: Int) -> Void = { _, _ in }) throws(StoreError) {
        let version = Int(try db.scalarInt("PRAGMA user_version") ?? 0)
        let application = try db.scalarInt("PRAGMA application_id") ?? 0
        if version > latestVersion { throw .newerSchema(path: db.path, version: version) }
        if application != Self.applicationID {
            let tables = try db.scalarInt(NamedQuery.sql("schema_objects")) ?? 0
            if application != 0 || tables > 0 { throw .foreignDatabase(path: db.path) }
        }
        if version > 0 && version < latestVersion { announce(version, latestVersion) }
        for (index, migration) in migrations.enumerated() where index >= version {
            try db.transaction { () throws(StoreError) in
                try db.execute(migration.sql)
                try db.execute("PRAGMA user_version = \(index + 1)")
                try db.execute("PRAGMA application_id = \(Self.applicationID)")
            }
        }
        // A migration that rebuilds the search index leaves hundreds of MB in the WAL, which every
        // reader then looks through until the next checkpoint (aclog tail 5 → 142 ms on 10M records).
        if version > 0 && version < latestVersion { _ = try db.scalarInt("PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Brings an older database up to date before it is read: a newer aclog over the file of a
    /// collector that has not been restarted yet. The queries name columns that older schemas lack.
    public func upgradeForReading(_ db: SQLiteConnection, announce: (_ from: Int, _ to: Int) -> Void = { _, _ in }) throws(StoreError) {
        let version = Int(try db.scalarInt("PRAGMA user_version") ?? 0)
        guard version < latestVersion, try db.scalarInt("PRAGMA application_id") == Self.applicationID else { return }
        do {
            try migrate(SQLiteConnection(path: db.path, mode: .readWriteCreate), announce: announce)
        } catch {
            throw .olderSchema(path: db.path, version: version, reason: error.description)
        }
    }

    /// Checks that a database opened for reading is aclog's and not newer than this binary.
    public func verify(_ db: SQLiteConnection) throws(StoreError) {
        let version = Int(try db.scalarInt("PRAGMA user_version") ?? 0)
        let application = try db.scalarInt("PRAGMA application_id") ?? 0
        if application != Self.applicationID { throw .foreignDatabase(path: db.path) }
        if version > latestVersion { throw .newerSchema(path: db.path, version: version) }
    }
}
