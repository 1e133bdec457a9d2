import ACLogModel

/// Vite's dev server: `10:02:15 AM [vite] message` (or 24-hour), whose level must be read from the
/// text once colours are gone, plus its banner and npm's `> pkg@1.0.0 dev` lines (info).
public struct ViteFormat: LogFormat {
    public let name = "vite"
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
            let text = line.rest(from: tag + 8)
            // A proxy error is followed by the Node error and its stack.
            return ParsedLine(level: Self.level(of: text), fields: fields, announcesBlock: Self.announcing.contains { text.contains($0) })
        }
        if message.hasPrefix("[vite] ") {
            let text = String(message.dropFirst(7))
            var fields = Fields()
            fields.set("logger", "vite")
            return ParsedLine(level: Self.level(of: text), fields: fields, announcesBlock: Self.announcing.contains { text.contains($0) })
        }
        if message.hasPrefix("  VITE v") || message.hasPrefix("  ➜  ") || message.hasPrefix("> ") {
            return ParsedLine(level: .info)
        }
        if message.hasPrefix("npm error") || message.hasPrefix("npm ERR!") { return ParsedLine(level: .error) }
        if message.hasPrefix("Deprecation Warning") { return ParsedLine(level: .warn, announcesBlock: true) }
        return nil
    }

    static func level(of text: String) -> Level {
        if errors.contains(where: { text.contains($0) }) { return .error }
        if warnings.contains(where: { text.contains($0) }) { return .warn }
        return .info
    }
}
