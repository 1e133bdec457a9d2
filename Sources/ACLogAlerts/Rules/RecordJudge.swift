import ACLogModel
import ACLogQuery
import ACLogTextSearch

/// Judges records against every rule of records (`match`, `level`) at once: one pass over a
/// message finds which rules' literals it holds, and only those rules run their regular expression.
struct RecordJudge {
    let rules: [WatchedRule]
    private let literals: LiteralSet
    /// For each rule, the index of its literal in `literals`.
    private let literalOf: [Int?]
    /// The signatures `new_signature` rules have seen.
    private let signatures: SignatureMemory?

    init(_ rules: [WatchedRule], signatures: SignatureMemory?) {
        self.rules = rules
        self.signatures = signatures
        var literals: [LiteralSet.Literal] = []
        literalOf = rules.map { rule in
            guard let literal = rule.messageMatcher?.literal else { return nil }
            literals.append(literal)
            return literals.count - 1
        }
        self.literals = LiteralSet(literals)
    }

    /// The occurrences of each rule (by index in `rules`) among a container's records.
    func judge(_ records: [LogRecord], of container: ContainerInfo, into found: inout [[Occurrence]]) {
        let watching = rules.indices.filter { rules[$0].recordFilter != nil && rules[$0].watches(container) }
        guard !watching.isEmpty else { return }
        var present = [Bool](repeating: false, count: literals.literals.count)
        for index in records.indices {
            let level = records[index].level, stream = records[index].stream
            var message = records[index].message
            message.withUTF8 { bytes in
                if !present.isEmpty {
                    for i in present.indices { present[i] = false }
                    literals.scan(bytes, into: &present)
                }
                for r in watching {
                    let rule = rules[r]
                    guard let filter = rule.recordFilter, level >= filter.minimum, filter.stream == nil || filter.stream == stream else { continue }
                    if let literal = literalOf[r], !present[literal] { continue }
                    if let matcher = rule.messageMatcher, !matcher.matches(bytes) { continue }
                    if case .newSignature(let days) = rule.rule.trigger {
                        let signature = ErrorSignature.of(records[index].message)
                        guard signatures?.isNew(signature, service: container.service, at: records[index].time, days: days) == true else { continue }
                        found[r].append(rule.occurrence(records[index], of: container, signature: signature))
                        continue
                    }
                    found[r].append(rule.occurrence(records[index], of: container))
                }
            }
        }
    }
}
