/// Where the web view listens: `127.0.0.1:7070`, `[::1]:7070`, `0.0.0.0:7070`, `localhost:7070`, or
/// `:7070` (loopback). Only a loopback address may be served without users to sign in.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public static let `default` = ListenAddress(host: "127.0.0.1", port: 7070)

    public struct Invalid: Error, CustomStringConvertible {
        public let text: String
        public var description: String {
            "invalid listen address '\(text)': use HOST:PORT, e.g. 127.0.0.1:7070, [::1]:7070 or 0.0.0.0:7070"
        }
    }

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init(parsing text: String) throws(Invalid) {
        var host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { throw Invalid(text: text) }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { throw Invalid(text: text) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        if host.isEmpty { host = "127.0.0.1" }
        guard let port = Int(portText), (0...65_535).contains(port),
              host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:".contains($0) })
        else { throw Invalid(text: text) }
        self.host = String(host)
        self.port = port
    }

    /// Reachable from this host only: 127.0.0.0/8, ::1, localhost.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
