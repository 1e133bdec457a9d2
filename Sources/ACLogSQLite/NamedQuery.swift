/// The SQL of `Queries/NAME.sql`, built into the binary.
public enum NamedQuery {
    public static func sql(_ name: String) -> String {
        guard let sql = EmbeddedSQL.queries[name] else {
            preconditionFailure("Queries/\(name).sql is not embedded; the build plugin did not run")
        }
        return sql
    }

    public static var names: [String] { EmbeddedSQL.queries.keys.sorted() }
}
