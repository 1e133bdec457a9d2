extension String {
    /// Help text written as paragraphs of lines broken near 100 columns, joined into one line a
    /// paragraph so that swift-argument-parser wraps them to the terminal (80 columns when not
    /// one): broken twice, they came out ragged. Blank lines, indented lines (examples) and lines
    /// that start a list item stay where they are.
    var asHelpParagraphs: String {
        var out: [Substring] = []
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            let startsLine = line.isEmpty || line.first == " " || line.hasPrefix("- ")
            if !startsLine, let previous = out.last, !previous.isEmpty, previous.first != " " {
                out[out.count - 1] = previous + " " + line
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }
}
