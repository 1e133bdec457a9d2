/// Where renderers put their lines: the command line's buffered stdout, or a list (a web page's
/// body, a test).
public protocol LineSink {
    mutating func line(_ text: String)
}

/// Lines kept in order.
public struct CollectedLines: LineSink {
    public private(set) var lines: [String] = []

    public init() {}

    public mutating func line(_ text: String) {
        lines.append(text)
    }
}
