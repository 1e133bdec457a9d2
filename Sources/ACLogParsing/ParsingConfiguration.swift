import FoundationEssentials

/// The parsing part of aclog's configuration file (JSON):
///
///     {
///       "formats":    { "backend": ["loguru", "uvicorn"], "legacy": ["plain"] },
///       "redaction":  { "disable": ["key-value-secret"],
///                       "patterns": [ { "name": "employee-id", "pattern": "\\bEMP-\\d{6}\\b", "triggers": ["emp-"] } ] },
///       "multiline":  { "idle_gap_ms": 1000, "max_bytes": 1048576, "max_lines": 2000 }
///     }
///
/// `formats` maps a service or container name to the formats tried on its lines, in order.
public struct ParsingConfiguration: Sendable {
    public var chooser = FormatChooser()
    public var redactor = Redactor()
    public var multiline = MultilineAssembler.Options()

    public init() {}

    /// A problem in the file, in words for the user.
    public struct Invalid: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "invalid configuration '\(path)': \(reason)" }
    }

    struct File: Decodable {
        struct Pattern: Decodable {
            var name: String
            var pattern: String
            var triggers: [String]?
        }
        struct Redaction: Decodable {
            var disable: [String]?
            var patterns: [Pattern]?
        }
        struct Multiline: Decodable {
            var idle_gap_ms: Int?
            var max_bytes: Int?
            var max_lines: Int?
        }
        var formats: [String: [String]]?
        var redaction: Redaction?
        var multiline: Multiline?
    }

    public init(contentsOf path: String) throws(Invalid) {
        guard let data = FileManager.default.contents(atPath: path) else { throw Invalid(path: path, reason: "cannot be read") }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw Invalid(path: path, reason: "not the expected JSON (\(Self.describe(error)))")
        }
        let known = Set(FormatChooser.formatNames + ["plain"])
        for (service, names) in file.formats ?? [:] {
            if let unknown = names.first(where: { !known.contains($0) }) {
                throw Invalid(path: path, reason: "format '\(unknown)' for '\(service)' is not one of \(known.sorted().joined(separator: ", "))")
            }
        }
        chooser = FormatChooser(overrides: file.formats ?? [:])
        let disabled = Set(file.redaction?.disable ?? [])
        if let unknown = disabled.first(where: { !BuiltInRedactions.names.contains($0) }) {
            throw Invalid(path: path, reason: "no built-in redaction '\(unknown)' to disable; they are \(BuiltInRedactions.names.joined(separator: ", "))")
        }
        var extra: [RedactionRule] = []
        for pattern in file.redaction?.patterns ?? [] {
            do {
                // Without triggers, the rule runs on every line.
                extra.append(try RedactionRule(name: pattern.name, triggers: pattern.triggers ?? [""], pattern: pattern.pattern))
            } catch {
                throw Invalid(path: path, reason: "redaction pattern '\(pattern.name)': \(error)")
            }
        }
        redactor = Redactor(disabled: disabled, extra: extra)
        if let m = file.multiline {
            if let gap = m.idle_gap_ms { multiline.idleGap = Int64(gap) * 1_000_000 }
            if let bytes = m.max_bytes { multiline.maxBytes = bytes }
            if let lines = m.max_lines { multiline.maxLines = lines }
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.keyNotFound(_, let context), DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "at \(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
