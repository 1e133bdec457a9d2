import Foundation

/// A message with what varies between occurrences folded away, so that a thousand similar errors
/// are one row: numbers, hex strings and ids, UUIDs, quoted values, paths, IPs and ports.
public enum ErrorSignature {
    static let rules: [(NSRegularExpression, String)] = [
        // The header a format puts before the message varies on every line: dropped. App
        // timestamps (loguru, MySQL, nginx, gunicorn), and Redis's `pid:role date level`.
        (#"^\[?\d{4}[-/]\d\d[-/]\d\d[ T]\d\d:\d\d:\d\d[^ \]]*(?: [+-]\d{4})?\]?\s+"#, ""),
        (#"^\d+:[MSCX] \d\d [A-Z][a-z]{2}(?: \d{4})? \d\d:\d\d:\d\d\.\d+ [.*#-] "#, ""),
        (#"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, "<uuid>"),
        (#"'[^']*'|"[^"]*""#, "<str>"),
        (#"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b"#, "<ip>"),
        (#"(?:/[\w.@%+-]+){2,}/?"#, "<path>"),
        (#"\b0x[0-9a-fA-F]+\b|\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{6,}\b"#, "<hex>"),
        (#"\b\d+(?:\.\d+)?\b"#, "<n>"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    /// The signature of a record: its first line, folded, at most 160 characters.
    public static func of(_ message: String) -> String {
        var text = String(message.split(separator: "\n", omittingEmptySubsequences: true).first ?? "")
        for (expression, replacement) in rules {
            text = expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: replacement)
        }
        return String(text.prefix(160))
    }
}
