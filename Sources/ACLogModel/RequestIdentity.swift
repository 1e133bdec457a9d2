/// What tells one HTTP request from another in its log lines: method, path without the query,
/// status. A request that both the server's access log and the application's middleware log
/// carries the same identity in both lines.
public struct RequestIdentity: Sendable, Hashable {
    public var method: String
    public var path: String
    public var status: Int

    public init(method: String, path: String, status: Int) {
        self.method = method.uppercased()
        self.path = String(path.prefix { $0 != "?" && $0 != "#" })
        self.status = status
    }
}
