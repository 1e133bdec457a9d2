/// Where a POST goes: `http://host[:port]/path?query` or https (`[::1]` for an IPv6 address).
public struct HTTPTarget: Equatable, Sendable {
    public var secure: Bool
    public var host: String
    public var port: Int
    /// Path and query.
    public var path: String

    public init(secure: Bool, host: String, port: Int, path: String) {
        self.secure = secure
        self.host = host
        self.port = port
        self.path = path
    }

    /// `http://host[:port]/path?query` (`[::1]` for an IPv6 address); nil for anything else.
    public init?(_ url: String) {
        let rest: Substring
        if url.hasPrefix("http://") { secure = false; rest = url.dropFirst(7) }
        else if url.hasPrefix("https://") { secure = true; rest = url.dropFirst(8) }
        else { return nil }
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        path = String(rest.dropFirst(authority.count))
        if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        var hostPart = authority
        port = secure ? 443 : 80
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { guard let p = Int(after.dropFirst()) else { return nil }; port = p }
        } else if let colon = authority.lastIndex(of: ":") {
            guard let p = Int(authority[authority.index(after: colon)...]) else { return nil }
            port = p
            hostPart = authority[..<colon]
        }
        host = String(hostPart)
    }

    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
    }
}
