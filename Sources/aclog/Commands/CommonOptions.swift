import ACLogConfig
import ACLogModel
import ACLogParsing
import ACLogQuery
import ACLogSQLite
import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// `--db PATH`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file.", discussion: "Default: $ACLOG_DB, else $XDG_DATA_HOME/aclog/aclog.db, or /var/lib/aclog/aclog.db as root.", valueName: "path"))
    var db: String?

    var path: String {
        DatabaseLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens the database read-only, for queries.
    func open() throws -> ReadOnlyDatabase {
        do {
            return try ReadOnlyDatabase(path: path) { from, to in
                // An older collector cannot write to the new schema: it holds its lines (Docker keeps
                // them) until it is restarted with this aclog.
                Terminal.warn("bringing the database from schema \(from) to \(to), once (a large one takes a while); "
                              + "restart a running collector with this aclog")
            }
        } catch {
            throw CommandLineError(error)
        }
    }
}

/// `--config PATH`: the configuration file (JSON or YAML), read once for the whole command.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file (JSON, or YAML).", discussion: "Default: $ACLOG_CONFIG, else $XDG_CONFIG_HOME/aclog/config.json (~/.config/aclog/config.json), or /etc/aclog/config.json as root; none is needed.", valueName: "path"))
    var config: String?

    func load() throws -> Configuration {
        guard let path = path() else { return Configuration() }
        do {
            return try Configuration(contentsOf: path)
        } catch {
            throw CommandLineError(error)
        }
    }

    /// The file to read: the one named (which must exist), else the default one if it exists.
    func path() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let explicit = config ?? environment["ACLOG_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        let path = explicit ?? (getuid() == 0 ? "/etc/aclog/config.json"
            : (environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (environment["HOME"] ?? ".") + "/.config") + "/aclog/config.json")
        return explicit != nil || FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
