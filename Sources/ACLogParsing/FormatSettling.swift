/// Which of its formats a stream's lines have shown. That format is asked first; the rest of the
/// chain only when it refuses a line, and the format that then accepts the line is the one
/// settled on. A stream whose output is one format's asks one parser per line instead of every
/// one before it in the chain (ten for a container nothing names).
///
/// A line two formats accept (`WARNING: disk low` reads as uvicorn's and as MinIO's) is read as
/// the format the stream has shown, not as whichever comes first in the chain. A line only the
/// generic format accepts (a traceback's frames, plain text) leaves the settled format as it is.
public struct FormatSettling: Sendable {
    /// The settled format's place in the builder's chain.
    var settled: Int?

    public init() {}
}

extension RecordBuilder {
    /// The first of the formats to accept `line`, the settled one asked first; its place in the
    /// chain with it.
    func parse(_ line: LineBytes, settling: inout FormatSettling) -> (parsed: ParsedLine, index: Int) {
        // An empty line has no first byte: every format may read it.
        func mayRead(_ index: Int) -> Bool { line.count == 0 || starts[index].contains(line[0]) }
        if let settled = settling.settled, mayRead(settled), let parsed = formats[settled].parse(line) {
            return (parsed, settled)
        }
        for index in formats.indices where index != settling.settled && mayRead(index) {
            if let parsed = formats[index].parse(line) {
                // The generic format accepts anything: nothing to settle on.
                if !(formats[index] is GenericFormat) { settling.settled = index }
                return (parsed, index)
            }
        }
        return (ParsedLine(level: .unknown), formats.count)
    }
}
