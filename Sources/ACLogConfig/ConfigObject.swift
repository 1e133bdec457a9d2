/// One object of the configuration file, read key by key: each key is asked for with the type it
/// must have, and `finish()` refuses the keys nobody asked for, naming them and their lines.
struct ConfigObject {
    let path: String
    let line: Int
    private let members: [(key: String, node: ConfigNode)]
    private var asked: Set<String> = []

    /// `path`: where the object stands, `retention` or `redaction.patterns[0]`; "" for the top.
    init(_ node: ConfigNode, path: String) throws(Configuration.Mistake) {
        guard case .object(let members) = node.value else {
            throw Configuration.Mistake(line: node.line, reason: "\(path.isEmpty ? "the file" : "'\(path)'") must be an object, not \(node.kind)")
        }
        self.path = path
        self.line = node.line
        self.members = members
    }

    func name(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    mutating func node(_ key: String) -> ConfigNode? {
        asked.insert(key)
        guard let node = members.first(where: { $0.key == key })?.node else { return nil }
        if case .null = node.value { return nil }
        return node
    }

    mutating func object(_ key: String) throws(Configuration.Mistake) -> ConfigObject? {
        try node(key).map { node throws(Configuration.Mistake) in try ConfigObject(node, path: name(key)) }
    }

    mutating func string(_ key: String) throws(Configuration.Mistake) -> (text: String, line: Int)? {
        guard let node = node(key) else { return nil }
        guard case .string(let text) = node.value else { throw mistake(node, key, "must be a string") }
        return (text, node.line)
    }

    mutating func bool(_ key: String) throws(Configuration.Mistake) -> Bool? {
        guard let node = node(key) else { return nil }
        guard case .bool(let value) = node.value else { throw mistake(node, key, "must be true or false") }
        return value
    }

    /// A whole number of at least `minimum`.
    mutating func integer(_ key: String, minimum: Int = 0) throws(Configuration.Mistake) -> Int? {
        guard let node = node(key) else { return nil }
        guard case .number(let value) = node.value, value.rounded() == value, value >= Double(minimum), value < 1e15 else {
            throw mistake(node, key, "must be a whole number of at least \(minimum)")
        }
        return Int(value)
    }

    /// A number greater than 0.
    mutating func positiveNumber(_ key: String) throws(Configuration.Mistake) -> Double? {
        guard let node = node(key) else { return nil }
        guard case .number(let value) = node.value, value > 0, value.isFinite else { throw mistake(node, key, "must be a number greater than 0") }
        return value
    }

    mutating func strings(_ key: String) throws(Configuration.Mistake) -> [String]? {
        guard let node = node(key) else { return nil }
        guard case .array(let items) = node.value else { throw mistake(node, key, "must be a list of strings") }
        var texts: [String] = []
        for item in items {
            guard case .string(let text) = item.value else { throw mistake(item, key, "must be a list of strings") }
            texts.append(text)
        }
        return texts
    }

    /// The items of a list of objects.
    mutating func objects(_ key: String) throws(Configuration.Mistake) -> [ConfigObject]? {
        guard let node = node(key) else { return nil }
        guard case .array(let items) = node.value else { throw mistake(node, key, "must be a list of objects") }
        var objects: [ConfigObject] = []
        for (i, item) in items.enumerated() { objects.append(try ConfigObject(item, path: "\(name(key))[\(i)]")) }
        return objects
    }

    /// Every (key, value) of an object whose keys are names the user chose (services).
    var entries: [(key: String, node: ConfigNode)] { members }

    func mistake(_ node: ConfigNode, _ key: String, _ reason: String) -> Configuration.Mistake {
        Configuration.Mistake(line: node.line, reason: "\(name(key)) \(reason), not \(node.kind)")
    }

    /// Refuses the first key that was not asked for.
    func finish() throws(Configuration.Mistake) {
        guard let unknown = members.first(where: { !asked.contains($0.key) }) else { return }
        let known = asked.sorted().joined(separator: ", ")
        throw Configuration.Mistake(line: unknown.node.line,
                                    reason: "unknown key '\(name(unknown.key))' (\(path.isEmpty ? "the file's keys" : "the keys of '\(path)'") are \(known))")
    }
}
