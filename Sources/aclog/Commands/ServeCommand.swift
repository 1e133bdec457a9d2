import ACLogDocker
import ACLogWeb
import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web view of a database: services, live logs, errors, resources, the report, and a JSON API.",
        discussion: """
            Opens the database read-only and serves, until stopped, at the printed URL:
            /           every service: state, health, restarts, OOM kills, last error, the last hour
            /logs       the merged records, filtered as tail and grep filter them, live
            /errors     error and 5xx rates against the window before, the top error signatures
            /trends     CPU, memory, network, block I/O and PIDs against their limits
            /report     the nightly report for any window
            /api/…      records, services, errors, trends, status: the lines of -o json
            /metrics    Prometheus metrics: containers under cAdvisor's names, records by level,
                        HTTP responses by status class, restarts (docs/prometheus.md)
            Every view is its URL: /logs?service=backend&since=1h&q=Traceback&level=warn.
            The collector can serve the same itself: aclog collect --serve 127.0.0.1:7070.
            It listens on loopback unless told otherwise; beyond it, users sign in (--users).

            Examples:
              aclog serve
              aclog serve --db /srv/copy-of-prod.db --listen 127.0.0.1:8080
              aclog serve --hash-password < password.txt   # a line for the users file
              aclog serve --listen 0.0.0.0:7070 --users /etc/aclog/users
            """.asHelpParagraphs
    )

    @Option(name: .long, help: ArgumentHelp("Where to listen, HOST:PORT (default 127.0.0.1:7070; port 0: any free port). An address beyond loopback needs --users or --trust-proxy-user.", valueName: "address"),
            transform: ListenAddress.argument)
    var listen: ListenAddress?

    @OptionGroup(title: "Who may see it") var access: WebAccessOptions

    @Flag(name: .long, help: "Read a password from standard input and print its bcrypt hash, for a users file line NAME:HASH.")
    var hashPassword = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        if hashPassword {
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw CommandLineError("--hash-password reads the password from standard input: none was given")
            }
            print(UsersFile.hash(password))
            return
        }
        let path = database.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandLineError("no database at '\(path)': run 'aclog collect' first, or give --db")
        }
        // Caught before the URL is printed: from then on a SIGTERM stops serve cleanly.
        TerminationSignals.shared.install()
        let server = try await access.start(databasePath: path, address: listen ?? .default)
        TerminationSignals.shared.onStop { Task { await server.shutdown() } }
        var out = OutputBuffer()
        out.line("aclog: serving \(path) at \(server.url)")
        out.flush()
        try? await server.run()
    }
}
