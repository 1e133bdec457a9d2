import ACLogModel

/// What names the error in a record that holds a stack trace: the last exception's line (a
/// chained exception's cause is not the one that reached the log) and the innermost frame of the
/// application's own code, not of a library. Python tracebacks (loguru's and exception groups'
/// forms too), Java stack traces with `Caused by:`, Node's `at` frames.
struct StackTrace: Equatable {
    /// `ValueError: invalid agent id 'abc'`, unfolded.
    var exception: String
    /// `/app/agentchat/api/v1/agent.py in _lookup_agent`, `com.shop.Cart.add`, `addItem (/app/src/cart.js)`.
    var frame: String?

    /// Nil for a message of one line, or one without a stack trace.
    init?(_ message: String) {
        guard message.utf8.contains(10) else { return nil }
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        if let python = Self.python(lines) ?? Self.framesWithAt(lines) {
            self = python
        } else {
            return nil
        }
    }

    init(exception: String, frame: String?) {
        self.exception = exception
        self.frame = frame
    }

    // MARK: Python

    /// The last traceback of the message that says its exception (a log may cut the last one
    /// short): after its `Traceback (most recent call last):`, `File "…"` frames, each followed by
    /// deeper indented code (and loguru's variable annotations); the first line back at the
    /// frames' depth is the exception.
    static func python(_ lines: [Substring]) -> StackTrace? {
        let headers = lines.indices.filter { lines[$0].contains("Traceback (most recent call last):") }
        for (k, header) in headers.enumerated().reversed() {
            let end = k + 1 < headers.count ? headers[k + 1] : lines.endIndex
            if let trace = pythonBlock(lines[(header + 1)..<end]) { return trace }
        }
        return nil
    }

    static func pythonBlock(_ lines: ArraySlice<Substring>) -> StackTrace? {
        var frames: [(path: Substring, function: Substring)] = []
        var frameDepth: Int?
        for line in lines {
            let content = line.drop { isMargin($0) }
            if content.isEmpty { continue }
            let depth = line.count - content.count
            if content.hasPrefix("File \"") {
                frames.append(pythonFrame(content))
                frameDepth = depth
                continue
            }
            if let frameDepth, depth > frameDepth { continue }
            let frame = frames.last { !isPythonLibrary($0.path) }
            return StackTrace(exception: String(content), frame: frame.map { $0.function.isEmpty ? String($0.path) : "\($0.path) in \($0.function)" })
        }
        return nil
    }

    /// Spaces, tabs and the margins of exception groups (`|`, `+`) and of loguru's marked frame (`>`).
    static func isMargin(_ c: Character) -> Bool { c == " " || c == "\t" || c == "|" || c == "+" || c == ">" }

    /// `File "/app/x.py", line 12, in handler`.
    static func pythonFrame(_ content: Substring) -> (path: Substring, function: Substring) {
        let afterQuote = content.dropFirst(6)
        let path = afterQuote.prefix { $0 != "\"" }
        let function = content.firstRange(of: ", in ").map { content[$0.upperBound...] } ?? ""
        return (path, function)
    }

    static func isPythonLibrary(_ path: Substring) -> Bool {
        path.hasPrefix("<") || path.contains("site-packages/") || path.contains("dist-packages/")
            || path.contains("/lib/python") || path.hasPrefix("/usr/lib/") || path.hasPrefix("/usr/local/lib/")
    }

    // MARK: Java and Node

    /// Frames are `at …` lines under their exception's line; the last `Caused by:` is the cause
    /// that was thrown first, and its frames come after it.
    static func framesWithAt(_ lines: [Substring]) -> StackTrace? {
        let contents = lines.map { $0.drop { $0 == " " || $0 == "\t" } }
        guard let firstFrame = contents.firstIndex(where: isAtFrame) else { return nil }
        let exceptionIndex: Int
        var exception: Substring
        if let cause = contents.lastIndex(where: { $0.hasPrefix("Caused by: ") }) {
            exceptionIndex = cause
            exception = contents[cause].dropFirst("Caused by: ".count)
        } else if let line = contents[..<firstFrame].lastIndex(where: { !$0.isEmpty }) {
            exceptionIndex = line
            exception = contents[line]
            if exception.hasPrefix("Exception in thread "), let name = exception.firstRange(of: "\" ") {
                exception = exception[name.upperBound...]
            }
        } else {
            return nil
        }
        let frames = contents[(exceptionIndex + 1)...].prefix { isAtFrame($0) || $0.hasPrefix("...") }.filter(isAtFrame)
        let own = frames.lazy.map { atFrame($0) }.first { !isLibrary($0) }
        return StackTrace(exception: String(exception), frame: own.map(String.init))
    }

    /// `at com.shop.Cart.add(Cart.java:42)`, `at addItem (/app/src/cart.js:10:5)`, `at /app/x.js:3:9`.
    static func isAtFrame(_ content: Substring) -> Bool {
        content.hasPrefix("at ") && (content.hasSuffix(")") || content.contains(":"))
    }

    /// The frame without its line and column: they move with every edit of the file.
    static func atFrame(_ content: Substring) -> Substring {
        let body = content.dropFirst(3)
        if let open = body.firstIndex(of: "(") {
            let name = body[..<open].trimmed(where: { $0 == " " })
            let location = body[body.index(after: open)...].dropLast()
            // Java's `(Cart.java:42)` names the class's file: the method names it already.
            if location.hasSuffix(".java") || location.contains(".java:") || location.contains(".kt:") || location == "Native Method" {
                return Substring(name)
            }
            return "\(name) (\(withoutLineAndColumn(location)))"[...]
        }
        return withoutLineAndColumn(body)
    }

    static func withoutLineAndColumn(_ location: Substring) -> Substring {
        var rest = location
        for _ in 0..<2 {
            guard let colon = rest.lastIndex(of: ":"), rest[rest.index(after: colon)...].allSatisfy(\.isNumber),
                  colon < rest.index(before: rest.endIndex) else { break }
            rest = rest[..<colon]
        }
        return rest
    }

    static let libraryPrefixes = ["java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.", "scala.",
                                  "org.springframework.", "org.apache.", "io.netty.", "reactor.", "org.hibernate.",
                                  "com.fasterxml.", "org.eclipse.jetty.", "io.undertow.", "com.zaxxer.", "org.junit."]

    static func isLibrary(_ frame: Substring) -> Bool {
        frame.contains("node_modules") || frame.contains("node:") || frame.contains("internal/") || frame.contains("<anonymous>")
            || libraryPrefixes.contains { frame.hasPrefix($0) }
    }
}
