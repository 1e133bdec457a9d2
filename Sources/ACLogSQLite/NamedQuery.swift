/// The SQL of `Queries/NAME.sql` (and the write side's `Queries/store/NAME.sql` as "store/NAME"),
/// built into the binary.
public enum NamedQuery {
    public static func sql(_ name: String) -> String {
        guard let sql = EmbeddedSQL.queries[name] else {
            preconditionFailure("Queries/\(name).sql is not embedded; the build plugin did not run")
        }
        return sql
    }

    /// The queries users can run by name (`aclog sql --query`): those of `Queries/`, not the
    /// write side's statements of `Queries/store/`.
    /// The queries a user may run (`aclog sql --list`): not the write side's (store/, export/).
    public static var names: [String] { EmbeddedSQL.queries.keys.filter { !$0.hasPrefix("store/") && !$0.hasPrefix("export/") }.sorted() }
}
