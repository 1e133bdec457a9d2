import ACLogDocker
import ACLogSQLite
import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

struct AclogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aclog",
        abstract: "Keeps the logs of every container on a Docker host in one SQLite file, and answers questions from it.",
        discussion: """
            Start the collector once, then ask:

              aclog collect &                    # follow every container into the database
              aclog tail backend --since 1h      # what the backend said in the last hour
              aclog tail --level warn -f         # warnings and worse, all services, live
              aclog grep 'Connection refused' -C 3 --since 2h
              aclog ps                           # the containers aclog knows, with counts

            The database is --db PATH, else $ACLOG_DB, else $XDG_DATA_HOME/aclog/aclog.db
            (~/.local/share/aclog/aclog.db), or /var/lib/aclog/aclog.db when run as root.
            """.asHelpParagraphs,
        version: "0.1.0",
        subcommands: [CollectCommand.self, TailCommand.self, GrepCommand.self, ErrorsCommand.self, TimelineCommand.self, ExportCommand.self, TrendCommand.self, ReportCommand.self, ServeCommand.self, PsCommand.self, StatusCommand.self, PruneCommand.self, SqlCommand.self, ImportCommand.self, DoctorCommand.self, ConfigCommand.self, AlertsCommand.self, BenchParseCommand.self, GuardChildrenCommand.self]
    )

    /// Parses and runs a command. A user's mistake (an argument, a value, a file named) ends in
    /// one line on stderr and exit code 2; a failure of what aclog runs on (the database, the
    /// Docker engine) in one line and exit code 1.
    @MainActor static func runAsRoot() async {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(with: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ExitCode {
            Glibc.exit(error.rawValue)
        } catch {
            // The help command reaches here too: its run() throws what --help would.
            exit(with: error)
        }
    }

    static func exit(with error: any Error) -> Never {
        if error is CommandLineError || error is StoreError || error is DockerError {
            let failure = error as? CommandLineError ?? CommandLineError(error)
            CommandLineError.exit(failure.message, code: failure.code)
        }
        if exitCode(for: error) == .success {
            // --help, --version
            print(fullMessage(for: error))
            Glibc.exit(0)
        }
        let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
        CommandLineError.exit("\(message) (see 'aclog --help')")
    }
}
