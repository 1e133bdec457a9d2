/// Shapes of lines that continue a multi-line record: Python tracebacks (chained, exception groups,
/// 3.11+ carets, loguru's diagnose annotations), Java and Node stack traces.
public enum ContinuationShape {
    static let chainSeparators: Set<String> = [
        "During handling of the above exception, another exception occurred:",
        "The above exception was the direct cause of the following exception:",
    ]

    static let starters = [
        "Traceback (most recent call last):", "During handling of the above exception, another exception occurred:",
        "The above exception was the direct cause of the following exception:", "Caused by: ", "[Previous line repeated",
        "(Background on this error at:", "Call stack:", "Stack (most recent call last):",
    ]

    /// True for a line that cannot start a record of its own.
    public static func continues(_ line: String) -> Bool {
        guard let first = line.utf8.first else { return true }  // empty lines stay inside a record
        if first == 32 || first == 9 { return true }  // indented: frames, source, carets, `at ...`, `| ...`
        if starters.contains(where: { line.hasPrefix($0) }) || line.hasPrefix("> File \"") { return true }
        if line.hasPrefix("...") && line.hasSuffix("more") { return true }  // Java "... 12 more"
        return isExceptionLine(line)
    }

    /// True when the record's following lines belong to it, whatever they look like.
    public static func announcesBlock(_ message: String) -> Bool {
        message.hasSuffix("Traceback (most recent call last):") || message.hasSuffix("Exception in ASGI application")
            || message.hasSuffix("Exception Group Traceback (most recent call last):")
            || message.contains("Error handling request") || message.hasSuffix("Exception in worker process")
            || message.hasPrefix("--- Logging error ---")
    }

    /// `ValueError: bad`, `requests.exceptions.ConnectionError: ...`, `KeyError`, `java.lang.IllegalStateException: x`:
    /// a dotted identifier ending in Error/Exception/Exit/Interrupt/Warning/Group, then `:` or the end.
    static func isExceptionLine(_ line: String) -> Bool {
        var name = Substring(line)
        if let colon = line.firstIndex(of: ":") { name = line[..<colon] }
        // Node: `AggregateError [ECONNREFUSED]:`
        if let bracket = name.firstIndex(of: " "), name[bracket...].hasPrefix(" ["), name.hasSuffix("]") { name = name[..<bracket] }
        guard !name.isEmpty, name.count <= 120, !name.contains(" ") else { return false }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "$" }) else { return false }
        let last = name.split(separator: ".").last ?? name
        return ["Error", "Exception", "Exit", "Interrupt", "Warning", "Group", "Iteration", "Timeout"].contains { last.hasSuffix($0) }
    }
}
