import ACLogModel

/// Vite's dev server: `10:02:15 AM [vite] message` (or 24-hour), whose level must be read from the
/// text once colours are gone, plus its banner and npm's `> pkg@1.0.0 dev` lines (info).
public struct ViteFormat: LogFormat {
    public let name = "vite"
    public var firstBytes: FirstBytes { FirstBytes.digits.union(FirstBytes("[ >nD")) }
    public init() {}

    static let errors = ["http proxy error", "ws proxy error", "Internal server error", "Pre-transform error", "[plugin:", "error"]
    static let warnings = ["Failed to load source map", "warning"]
    /// Messages followed by their details (`  Plugin: …`, `  File: /app/src/App.vue:3:22`, a code
    /// frame, a Node stack), which Vite may write a moment later: the record waits for them.
    static let announcing = ["proxy error", "Internal server error", "Pre-transform error", "[plugin:"]

    public func parse(_ line: LineBytes) -> ParsedLine? {
        let message = line.text
        if let tag = line.index(of: " [vite] ", from: 0), tag <= 11, line.isDigit(0) {
            var fields = Fields()
            fields.set("logger", "vite")
            // A proxy error is followed by the Node error and its stack.
            return ParsedLine(level: Self.level(of: line, from: tag + 8), fields: fields, announcesBlock: Self.announces(line, from: tag + 8))
        }
        if message.hasPrefix("[vite] ") {
            var fields = Fields()
            fields.set("logger", "vite")
            return ParsedLine(level: Self.level(of: line, from: 7), fields: fields, announcesBlock: Self.announces(line, from: 7))
        }
        if message.hasPrefix("  VITE v") || message.hasPrefix("  ➜  ") || message.hasPrefix("> ") {
            return ParsedLine(level: .info)
        }
        if message.hasPrefix("npm error") || message.hasPrefix("npm ERR!") { return ParsedLine(level: .error) }
        if message.hasPrefix("Deprecation Warning") { return ParsedLine(level: .warn, announcesBlock: true) }
        return nil
    }

    /// The level of the message that starts at `start`.
    static func level(of line: LineBytes, from start: Int) -> Level {
        if errors.contains(where: { line.index(of: $0, from: start) != nil }) { return .error }
        if warnings.contains(where: { line.index(of: $0, from: start) != nil }) { return .warn }
        return .info
    }

    static func announces(_ line: LineBytes, from start: Int) -> Bool {
        announcing.contains { line.index(of: $0, from: start) != nil }
    }
}
