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
        // Starters begin with one of these bytes; most lines are settled by the first byte.
        if "TDC[(S>".utf8.contains(first), starters.contains(where: { line.hasPrefix($0) }) || line.hasPrefix("> File \"") {
            return true
        }
        if line.hasPrefix("...") && line.hasSuffix("more") { return true }  // Java "... 12 more"
        return isExceptionLine(line)
    }

    /// True when the record's following lines belong to it, whatever they look like.
    public static func announcesBlock(_ message: String) -> Bool {
        announcesBlock(LineBytes(message))
    }

    public static func announcesBlock(_ line: LineBytes) -> Bool {
        line.hasSuffix("Traceback (most recent call last):") || line.hasSuffix("Exception in ASGI application")
            || line.hasSuffix("Exception in worker process") || line.hasPrefix("--- Logging error ---")
            || line.contains("Error handling request")
    }

    /// `ValueError: bad`, `requests.exceptions.ConnectionError: ...`, `KeyError`, `java.lang.IllegalStateException: x`:
    /// a dotted identifier ending in Error/Exception/Exit/Interrupt/Warning/Group, then `:` or the end.
    static func isExceptionLine(_ line: String) -> Bool {
        // The name: bytes up to `:`, ` [` (Node's `AggregateError [ECONNREFUSED]:`) or the end.
        var end = 0
        for byte in line.utf8 {
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: " ") { break }
            let isName = (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
            guard isName, end < 120 else { return false }
            end += 1
        }
        guard end > 0 else { return false }
        let rest = line.utf8.dropFirst(end)
        if let next = rest.first, next == UInt8(ascii: " ") {
            // Only `Name [CODE]:` may have a space after the name.
            guard rest.dropFirst().first == UInt8(ascii: "[") else { return false }
        }
        let name = line.utf8.prefix(end)
        return exceptionSuffixes.contains { suffix in name.count >= suffix.count && name.suffix(suffix.count).elementsEqual(suffix) }
    }

    static let exceptionSuffixes: [[UInt8]] = ["Error", "Exception", "Exit", "Interrupt", "Warning", "Group", "Iteration", "Timeout"].map { Array($0.utf8) }
}
