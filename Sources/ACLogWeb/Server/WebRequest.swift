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
        self.path = Self.percentDecoded(path, plusIsSpace: false)
        self.query = query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let (name, value) = pair.firstIndex(of: "=").map { (pair[..<$0], pair[pair.index(after: $0)...]) } ?? (pair, "")
            return (Self.percentDecoded(name, plusIsSpace: true), Self.percentDecoded(value, plusIsSpace: true))
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

    /// `%XX` decoded as UTF-8 bytes (an invalid sequence replaced, never trusted); `+` a space in
    /// the query string.
    static func percentDecoded(_ text: Substring, plusIsSpace: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == UInt8(ascii: "%"), let j = utf8.index(i, offsetBy: 2, limitedBy: utf8.index(before: utf8.endIndex)),
               let high = hex(utf8[utf8.index(after: i)]), let low = hex(utf8[j]) {
                bytes.append(high << 4 | low)
                i = utf8.index(after: j)
                continue
            }
            bytes.append(plusIsSpace && b == UInt8(ascii: "+") ? UInt8(ascii: " ") : b)
            i = utf8.index(after: i)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
