import ACLogModel

/// A request as the routes see it: method, path, the query string's parameters (decoded, in
/// order, a name may repeat), and the headers they need.
public struct WebRequest: Sendable {
    public var method: String
    public var path: String
    public var query: [(name: String, value: String)]
    /// Header names in lower case.
    public var headers: [String: String]
    /// The peer's address, for rate limits.
    public var client: String

    public init(method: String = "GET", target: String, headers: [String: String] = [:], client: String = "") {
        self.method = method
        let (path, query) = target.firstIndex(of: "?").map { (target[..<$0], target[target.index(after: $0)...]) } ?? (Substring(target), "")
        self.path = URLText.decoded(path, plusIsSpace: false)
        self.query = query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let (name, value) = pair.firstIndex(of: "=").map { (pair[..<$0], pair[pair.index(after: $0)...]) } ?? (pair, "")
            return (URLText.decoded(name, plusIsSpace: true), URLText.decoded(value, plusIsSpace: true))
        }
        self.headers = headers
        self.client = client
    }

    /// The last value of a parameter, nil when absent or empty.
    public func parameter(_ name: String) -> String? {
        query.last { $0.name == name }.flatMap { $0.value.isEmpty ? nil : $0.value }
    }

    /// Every non-empty value of a parameter; commas separate values too (`service=a,b`).
    public func parameters(_ name: String, splittingCommas: Bool = false) -> [String] {
        query.filter { $0.name == name }.flatMap { pair in
            splittingCommas ? pair.value.split(separator: ",").map { $0.trimmed(where: { $0 == " " }) } : [pair.value]
        }.filter { !$0.isEmpty }
    }

    /// A flag parameter: present and not `0`, `false` or `off`.
    public func flag(_ name: String) -> Bool {
        guard let value = query.last(where: { $0.name == name })?.value else { return false }
        return !["0", "false", "off"].contains(value)
    }
}
