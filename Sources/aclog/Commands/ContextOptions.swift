import ArgumentParser

/// grep's `-C`, `-A` and `-B`: records of context around each match.
struct ContextOptions: ParsableArguments {
    @Option(name: [.customShort("C"), .customLong("context")], help: ArgumentHelp("Records of context before and after each match.", valueName: "n"))
    var around: Int?

    @Option(name: [.customShort("A"), .customLong("after-context")], help: ArgumentHelp("Records of context after each match.", valueName: "n"))
    var after: Int?

    @Option(name: [.customShort("B"), .customLong("before-context")], help: ArgumentHelp("Records of context before each match.", valueName: "n"))
    var before: Int?

    func validate() throws {
        for (name, value) in [("-C", around), ("-A", after), ("-B", before)] {
            if let value, value < 0 { throw CommandLineError("invalid \(name) '\(value)': give a count of 0 or more") }
        }
    }

    /// (before, after): -B and -A win over -C.
    var span: (before: Int, after: Int) { (before ?? around ?? 0, after ?? around ?? 0) }
}
