import ACLogModel
import Foundation

/// One kind of secret: where to look (cheap triggers), what to match, what to keep.
///
/// A rule runs only on lines that contain one of its `triggers` (ASCII, compared without case),
/// so the regular expression costs nothing on the great majority of lines. The part of the match
/// captured by group 1 (a key name, `password: `, `://user:`) is kept; group 2, if present, too
/// (a closing quote); the rest becomes `[REDACTED]`.
public struct RedactionRule: Sendable {
    public let name: String
    public let triggers: [String]
    let triggerBytes: [[UInt8]]
    let expression: NSRegularExpression

    public init(name: String, triggers: [String], pattern: String) throws {
        self.name = name
        self.triggers = triggers.map { $0.lowercased() }
        self.triggerBytes = self.triggers.map { Array($0.utf8) }
        self.expression = try NSRegularExpression(pattern: pattern)
    }

    /// True when the ASCII-lowercased line contains one of the triggers.
    func isTriggered(byLowercased line: UnsafeBufferPointer<UInt8>) -> Bool {
        triggerBytes.contains { $0.isEmpty || ByteSearch.end(of: $0, in: line) != nil }
    }

    public static let mask = "[REDACTED]"

    /// The line with every match masked, and the secret values that were masked.
    func apply(to text: String) -> (text: String, secrets: [String])? {
        let ns = text as NSString
        let matches = expression.matches(in: text, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return nil }
        var out = ""
        var secrets: [String] = []
        var cursor = 0
        for match in matches {
            let keepHead = match.numberOfRanges > 1 && match.range(at: 1).location != NSNotFound ? match.range(at: 1) : nil
            let keepTail = match.numberOfRanges > 2 && match.range(at: 2).location != NSNotFound ? match.range(at: 2) : nil
            let secretStart = keepHead.map { $0.location + $0.length } ?? match.range.location
            let secretEnd = keepTail?.location ?? (match.range.location + match.range.length)
            guard secretEnd > secretStart else { continue }
            out += ns.substring(with: NSRange(location: cursor, length: secretStart - cursor))
            out += Self.mask
            secrets.append(ns.substring(with: NSRange(location: secretStart, length: secretEnd - secretStart)))
            cursor = secretEnd
        }
        out += ns.substring(from: cursor)
        return (out, secrets)
    }
}
