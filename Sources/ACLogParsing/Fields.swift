import ACLogModel

/// What a line carries beside its message, in the order found: `http.status`, `pid`, `logger`, ...
/// They hold values a query asks for, not copies of text the message shows anyway: an app's own
/// timestamp (the record has Docker's), a user agent, a referer or a protocol version stay in the
/// message, where grep finds them. They are read again from the message when asked for
/// (`RecordFields`), not stored.
public struct Fields: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case string(String)
        case int(Int)
        case double(Double)
    }

    public private(set) var items: [(key: String, value: Value)] = []

    public init() {}

    public var isEmpty: Bool { items.isEmpty }

    public mutating func set(_ key: String, _ value: String?) {
        guard let value else { return }
        put(key, .string(value))
    }

    public mutating func set(_ key: String, _ value: Int?) {
        guard let value else { return }
        put(key, .int(value))
    }

    public mutating func set(_ key: String, _ value: Double?) {
        guard let value else { return }
        put(key, .double(value))
    }

    private mutating func put(_ key: String, _ value: Value) {
        if let i = items.firstIndex(where: { $0.key == key }) {
            items[i].value = value
        } else {
            items.append((key, value))
        }
    }

    /// A scalar read from a JSON object; a boolean as 1 or 0.
    mutating func set(_ key: String, scalar: JSONObjectScanner.Value) {
        switch scalar {
        case .int(let n): put(key, .int(n))
        case .double(let d): put(key, .double(d))
        case .string(let s): put(key, .string(s))
        case .bool(let b): put(key, .int(b ? 1 : 0))
        }
    }

    public subscript(key: String) -> Value? {
        items.first { $0.key == key }?.value
    }

    /// The `http.status` when the parser gave an integer: what the writer counts as a request.
    public var httpStatus: Int? {
        guard case .int(let code)? = self["http.status"] else { return nil }
        return code
    }

    /// The request a line logs: method, path and status among its fields.
    public var request: RequestIdentity? {
        guard let status = httpStatus, case .string(let method)? = self["http.method"], case .string(let path)? = self["http.path"] else {
            return nil
        }
        return RequestIdentity(method: method, path: path, status: status)
    }

    /// The fields as a JSON object text, or nil when there are none.
    public var json: String? {
        guard !items.isEmpty else { return nil }
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(128)
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONString.append(item.key, to: &out)
            out.append(UInt8(ascii: ":"))
            switch item.value {
            case .string(let s): JSONString.append(s, to: &out)
            case .int(let n): out.append(contentsOf: String(n).utf8)
            case .double(let d): out.append(contentsOf: (d.isFinite ? String(d) : "null").utf8)
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    public static func == (a: Fields, b: Fields) -> Bool {
        a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
