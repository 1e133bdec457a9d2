/// What tells one HTTP request from another in its log lines: method, path without the query,
/// status. A request that both the server's access log and the application's middleware log
/// carries the same identity in both lines.
public struct RequestIdentity: Sendable, Hashable {
    public var method: String
    public var path: String
    public var status: Int

    public init(method: String, path: String, status: Int) {
        // Byte checks: methods are already upper case and paths without a query on most lines.
        self.method = method.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") || $0 >= 0x80 }) ? method.uppercased() : method
        if let end = path.utf8.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            self.path = String(path[..<end])
        } else {
            self.path = path
        }
        self.status = status
    }
}
