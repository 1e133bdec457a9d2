import ACLogQuery
import ACLogWeb
import ArgumentParser
import FoundationEssentials

/// Who may see the web view: `aclog serve` and `aclog collect --serve` take the same.
struct WebAccessOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A users file: NAME:BCRYPT-HASH lines (make a hash with 'aclog serve --hash-password'). Users sign in with HTTP Basic authentication; put a TLS proxy in front.", valueName: "path"))
    var users: String?

    @Option(name: .long, help: ArgumentHelp("Trust a reverse proxy that signs users in and names them in this header (e.g. X-Forwarded-User): requests without it are refused. Only when nothing but the proxy can reach the address.", valueName: "header"))
    var trustProxyUser: String?

    /// Who may see the view at `address`: refused, with what to do, when it is beyond loopback
    /// and nobody signs in.
    func access(for address: ListenAddress) throws -> AccessPolicy {
        if users != nil && trustProxyUser != nil {
            throw CommandLineError("--users and --trust-proxy-user cannot go together")
        }
        if let users {
            guard let data = FileManager.default.contents(atPath: users) else {
                throw CommandLineError("cannot read the users file '\(users)'")
            }
            do {
                return AccessPolicy(kind: .users(try UsersFile(path: users, text: String(decoding: data, as: UTF8.self))))
            } catch {
                throw CommandLineError(error.description)
            }
        }
        if let header = trustProxyUser {
            guard !header.isEmpty, header.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw CommandLineError("invalid --trust-proxy-user '\(header)': a header name, e.g. X-Forwarded-User")
            }
            return AccessPolicy(kind: .proxyHeader(header))
        }
        guard address.isLoopback else {
            throw CommandLineError("listening on \(address), beyond this host, needs --users FILE (or --trust-proxy-user HEADER behind a proxy that signs users in)")
        }
        return .anyone
    }

    /// Binds and starts serving the database at `path`; the server answers until shut down.
    func start(databasePath: String, address: ListenAddress, metricsOnly: Bool = false,
               processMetrics: @escaping @Sendable () -> [MetricFamily] = { [] }) async throws -> WebServer {
        let app = WebApp(databasePath: databasePath, access: try access(for: address), metricsOnly: metricsOnly,
                         processMetrics: processMetrics)
        do {
            try await app.check()
        } catch {
            await app.shutdown()
            throw CommandLineError(error)
        }
        do {
            return try await WebServer(app: app, address: address)
        } catch {
            await app.shutdown()
            throw CommandLineError("\(error)", code: 1)
        }
    }
}

extension ListenAddress {
    /// As `--listen` and `--serve` take it.
    static func argument(_ text: String) throws -> ListenAddress {
        do {
            return try ListenAddress(parsing: text)
        } catch {
            throw CommandLineError(error.description)
        }
    }
}
