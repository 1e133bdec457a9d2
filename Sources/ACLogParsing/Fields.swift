import ACLogModel

/// What a line carries beside its message, in the order found: `http.status`, `pid`, `logger`, ...
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

    public subscript(key: String) -> Value? {
        items.first { $0.key == key }?.value
    }

    /// The fields as a JSON object text, or nil when there are none.
    public var json: String? {
        guard !items.isEmpty else { return nil }
        var out = "{"
        for (i, item) in items.enumerated() {
            if i > 0 { out += "," }
            out += JSONString.quoted(item.key) + ":"
            switch item.value {
            case .string(let s): out += JSONString.quoted(s)
            case .int(let n): out += String(n)
            case .double(let d): out += d.isFinite ? String(d) : "null"
            }
        }
        return out + "}"
    }

    public static func == (a: Fields, b: Fields) -> Bool {
        a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
