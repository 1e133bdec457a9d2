/// A value of the configuration file with the line it starts on, so that a mistake can be named
/// where it stands.
public struct ConfigNode: Sendable {
    public indirect enum Value: Sendable {
        case object([(key: String, node: ConfigNode)])
        case array([ConfigNode])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    public var value: Value
    public var line: Int

    /// What a mistake calls this kind of value.
    var kind: String {
        switch value {
        case .object: "an object"
        case .array: "a list"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }
}
