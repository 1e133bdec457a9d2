#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the database file is: `--db PATH`, then `ACLOG_DB`, then
/// `$XDG_DATA_HOME/aclog/aclog.db` (`~/.local/share/aclog/aclog.db`), or `/var/lib/aclog/aclog.db` as root.
public enum DatabaseLocation {
    public static func resolve(explicit: String?, environment: [String: String], isRoot: Bool = getuid() == 0) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let path = environment["ACLOG_DB"], !path.isEmpty { return path }
        if isRoot { return "/var/lib/aclog/aclog.db" }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/aclog/aclog.db" }
        return (environment["HOME"] ?? ".") + "/.local/share/aclog/aclog.db"
    }
}
