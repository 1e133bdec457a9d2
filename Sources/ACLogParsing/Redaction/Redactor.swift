import Foundation

/// Masks secrets in a record before it is stored: API keys, JWTs, passwords in URLs, `password`/
/// `secret`/`token` values and query parameters. The key name is kept: `password: [REDACTED]`.
public struct Redactor: Sendable {
    let rules: [RedactionRule]

    /// The built-in rules, less the `disabled` ones, plus the user's own.
    public init(disabled: Set<String> = [], extra: [RedactionRule] = []) {
        rules = BuiltInRedactions.rules().filter { !disabled.contains($0.name) } + extra
    }

    /// The text with its secrets masked, and the secret values found (to mask them in the raw line
    /// too, where colour codes may surround them). Nil when there was nothing to mask.
    public func redact(_ text: String) -> (text: String, secrets: [String])? {
        var lowered: String?
        var current = text
        var secrets: [String] = []
        for rule in rules {
            let haystack = lowered ?? Self.asciiLowercased(text)
            lowered = haystack
            guard rule.triggers.contains(where: { haystack.contains($0) }) else { continue }
            if let result = rule.apply(to: current) {
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
            current = current.replacingOccurrences(of: secret, with: RedactionRule.mask)
        }
        return current
    }

    static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
