/// Masks secrets in a record before it is stored: API keys, JWTs, passwords in URLs, `password`/
/// `secret`/`token` values and query parameters. The key name is kept: `password: [REDACTED]`.
public struct Redactor: Sendable {
    let rules: [RedactionRule]
    private let scan: TriggerScan

    /// The built-in rules, less the `disabled` ones, plus the user's own.
    public init(disabled: Set<String> = [], extra: [RedactionRule] = []) {
        rules = BuiltInRedactions.rules().filter { !disabled.contains($0.name) } + extra
        scan = TriggerScan(triggers: rules.map(\.triggers))
    }

    /// The text with its secrets masked, and the secret values found (to mask them in the raw line
    /// too, where colour codes may surround them). Nil when there was nothing to mask.
    public func redact(_ text: String) -> (text: String, secrets: [String])? {
        var line = text
        let triggered = line.withUTF8 { scan.triggered(in: $0) }
        guard !triggered.isEmpty else { return nil }
        var current = text
        var secrets: [String] = []
        for index in triggered {
            if let result = rules[index].apply(to: current) {
                current = result.text
                secrets += result.secrets
            }
        }
        return secrets.isEmpty ? nil : (current, secrets)
    }

    /// Masks a line as printed: the rules, then any secret already found in its cleaned message.
    public func redactRaw(_ raw: String, knownSecrets: [String]) -> String {
        var current = redact(raw)?.text ?? raw
        for secret in knownSecrets where !secret.isEmpty && current.contains(secret) {
            current = current.replacing(secret, with: RedactionRule.mask)
        }
        return current
    }
}
