/// One channel of the configuration's `alerts.notify`, by the name rules give in `notify`.
public struct AlertChannel: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case webhook, ntfy, slack, discord, exec }

    public var name: String
    public var kind: Kind
    /// The URL (webhook, ntfy topic, Slack and Discord incoming webhooks), `${NAME}` replaced
    /// by the environment's value; empty for `exec`.
    public var url: SecretText
    /// `exec`: the program and its arguments, run without a shell.
    public var command: [String]

    public init(name: String, kind: Kind, url: SecretText, command: [String]) {
        self.name = name
        self.kind = kind
        self.url = url
        self.command = command
    }
}

/// Text that may hold a secret taken from the environment (`${NAME}` in the file): `value` is
/// what is used, `shown` what may be printed or logged (the file's text, names not values).
public struct SecretText: Sendable, Equatable, CustomStringConvertible {
    public var value: String
    public var shown: String

    public var description: String { shown }

    public init(value: String, shown: String) {
        self.value = value
        self.shown = shown
    }

    /// `text` with each `${NAME}` replaced by the variable's value; nil names the first one that
    /// is not set.
    static func expanding(_ text: String, environment: [String: String]) -> (SecretText?, missing: String?) {
        var value = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            let brace = rest.index(after: dollar)
            guard brace < rest.endIndex, rest[brace] == "{", let close = rest[brace...].firstIndex(of: "}") else {
                value += rest[...dollar]
                rest = rest[rest.index(after: dollar)...]
                continue
            }
            let name = String(rest[rest.index(after: brace)..<close])
            guard let found = environment[name] else { return (nil, name) }
            value += rest[..<dollar] + found
            rest = rest[rest.index(after: close)...]
        }
        return (SecretText(value: value + rest, shown: text), nil)
    }
}
