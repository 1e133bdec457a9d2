import ACLogQuery

/// Metric families as Prometheus reads them: the text format 0.0.4, or OpenMetrics 1.0 when the
/// scraper asks for it (`Accept: application/openmetrics-text`).
public enum Exposition: Sendable {
    case text
    case openMetrics

    /// The format a scraper's Accept header asks for.
    public init(accept: String?) {
        self = accept?.contains("application/openmetrics-text") == true ? .openMetrics : .text
    }

    public var contentType: String {
        switch self {
        case .text: "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }

    public func render(_ families: [MetricFamily]) -> String {
        var out = ""
        out.reserveCapacity(families.reduce(0) { $0 + 200 + $1.samples.count * 160 })
        for family in families where !family.samples.isEmpty {
            // The text format names a counter's family by its sample (`_total`); OpenMetrics without.
            let familyName = self == .text && family.kind == .counter ? family.name + "_total" : family.name
            out += "# HELP \(familyName) \(Self.escapeHelp(family.help))\n"
            out += "# TYPE \(familyName) \(family.kind.rawValue)\n"
            if self == .openMetrics, let unit = family.unit { out += "# UNIT \(familyName) \(unit)\n" }
            for sample in family.samples {
                out += family.name
                out += family.kind == .counter ? "_total" : sample.suffix
                if !sample.labels.isEmpty {
                    out += "{"
                    for (i, label) in sample.labels.enumerated() {
                        if i > 0 { out += "," }
                        out += label.name
                        out += "=\""
                        out += Self.escapeLabel(label.value)
                        out += "\""
                    }
                    out += "}"
                }
                out += " "
                out += ExpositionNumber.text(sample.value)
                out += "\n"
            }
        }
        if self == .openMetrics { out += "# EOF\n" }
        return out
    }

    /// A label value: backslash, double quote and line feed escaped (both formats).
    static func escapeLabel(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else { return value }
        var out = ""
        for c in value.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// HELP text: backslash and line feed escaped.
    static func escapeHelp(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
    }
}
