import ACLogParsing

/// The file's `formats`, `redaction` and `multiline`, as the parsers take them.
enum ParsingSection {
    static func read(_ file: inout ConfigObject) throws(Configuration.Mistake) -> ParsingConfiguration {
        var parsing = ParsingConfiguration()
        if let formats = try file.object("formats") {
            let known = Set(FormatChooser.formatNames + ["plain"])
            var overrides: [String: [String]] = [:]
            for (service, node) in formats.entries {
                var holder = formats
                guard let names = try holder.strings(service) else { continue }
                if let unknown = names.first(where: { !known.contains($0) }) {
                    throw Configuration.Mistake(line: node.line, reason: "format '\(unknown)' for '\(service)' is not one of \(known.sorted().joined(separator: ", "))")
                }
                overrides[service] = names
            }
            parsing.chooser = FormatChooser(overrides: overrides)
        }
        if var redaction = try file.object("redaction") {
            parsing.redactor = try redactor(&redaction)
        }
        if var multiline = try file.object("multiline") {
            if let gap = try multiline.integer("idle_gap_ms") { parsing.multiline.idleGap = Int64(gap) * 1_000_000 }
            if let bytes = try multiline.integer("max_bytes", minimum: 1) { parsing.multiline.maxBytes = bytes }
            if let lines = try multiline.integer("max_lines", minimum: 1) { parsing.multiline.maxLines = lines }
            try multiline.finish()
        }
        return parsing
    }

    static func redactor(_ redaction: inout ConfigObject) throws(Configuration.Mistake) -> Redactor {
        let disabled = Set(try redaction.strings("disable") ?? [])
        if let unknown = disabled.sorted().first(where: { !BuiltInRedactions.names.contains($0) }) {
            throw Configuration.Mistake(line: redaction.line, reason: "no built-in redaction '\(unknown)' to disable; they are \(BuiltInRedactions.names.joined(separator: ", "))")
        }
        var extra: [RedactionRule] = []
        for var pattern in try redaction.objects("patterns") ?? [] {
            guard let name = try pattern.string("name"), let text = try pattern.string("pattern") else {
                throw Configuration.Mistake(line: pattern.line, reason: "'\(pattern.path)' needs a name and a pattern")
            }
            // Without triggers, the rule runs on every line.
            let triggers = try pattern.strings("triggers") ?? [""]
            try pattern.finish()
            do {
                extra.append(try RedactionRule(name: name.text, triggers: triggers, pattern: text.text))
            } catch {
                throw Configuration.Mistake(line: text.line, reason: "redaction pattern '\(name.text)': \(error)")
            }
        }
        try redaction.finish()
        return Redactor(disabled: disabled, extra: extra)
    }
}
