import ACLogTextSearch
import ACLogModel

/// One kind of secret: where to look (cheap triggers), what to match, what to keep.
///
/// A rule runs only on lines that contain one of its `triggers` (ASCII, compared without case),
/// so the regular expression (`ExtendedRegex`) costs nothing on the great majority of lines. The
/// part of the match captured by group 1 (a key name, `password: `, `://user:`) is kept; group 2,
/// if present, too (a closing quote); the rest becomes `[REDACTED]`, unless it already is.
public struct RedactionRule: Sendable {
    public let name: String
    public let triggers: [String]
    let expression: ExtendedRegex

    public init(name: String, triggers: [String], pattern: String) throws(ExtendedRegex.Invalid) {
        self.name = name
        self.triggers = triggers.map { $0.lowercased() }
        self.expression = try ExtendedRegex(pattern)
    }

    public static let mask = "[REDACTED]"
    static let maskBytes = Array(mask.utf8)

    /// The line with every match masked, and the secret values that were masked.
    func apply(to text: String) -> (text: String, secrets: [String])? {
        var text = text
        return text.withUTF8 { bytes -> (text: String, secrets: [String])? in
            var out: [UInt8] = []
            var secrets: [String] = []
            var cursor = 0
            for match in expression.matches(in: bytes) {
                guard let whole = match[0] else { continue }
                let secretStart = (match.count > 1 ? match[1] : nil)?.upperBound ?? whole.lowerBound
                let secretEnd = (match.count > 2 ? match[2] : nil)?.lowerBound ?? whole.upperBound
                guard secretEnd > secretStart, secretStart >= cursor else { continue }
                let secret = UnsafeBufferPointer(rebasing: bytes[secretStart..<secretEnd])
                if secret.starts(with: Self.maskBytes) { continue }
                out += bytes[cursor..<secretStart]
                out += Self.maskBytes
                secrets.append(String(decoding: secret, as: UTF8.self))
                cursor = secretEnd
            }
            guard !secrets.isEmpty else { return nil }
            out += bytes[cursor...]
            return (String(decoding: out, as: UTF8.self), secrets)
        }
    }
}
