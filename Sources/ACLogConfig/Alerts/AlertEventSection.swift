import ACLogModel

/// A rule's `event` and its options: `die` (`exit_codes_ignored`, default [0, 130, 143]), `oom`,
/// `unhealthy`, `restart_loop` (`count`, default 3, `within`, default 10m), `deploy`.
enum AlertEventSection {
    static let events = ["die", "oom", "unhealthy", "restart_loop", "deploy"]

    static func read(_ event: (text: String, line: Int), _ rule: inout ConfigObject) throws(Configuration.Mistake) -> AlertRule.EventTrigger {
        switch event.text {
        case "die":
            return .die(exitCodesIgnored: try codes(&rule) ?? [0, 130, 143])
        case "oom": return .oom
        case "unhealthy": return .unhealthy
        case "deploy": return .deploy
        case "restart_loop":
            let count = try rule.integer("count", minimum: 2) ?? 3
            let within = try rule.string("within").map { text throws(Configuration.Mistake) in
                try RetentionSection.duration(text, rule.name("within"))
            }
            return .restartLoop(count: count, within: within ?? 600_000_000_000)
        default:
            throw Configuration.Mistake(line: event.line, reason: "\(rule.name("event")) '\(event.text)' is not one of \(events.joined(separator: ", "))")
        }
    }

    static func codes(_ rule: inout ConfigObject) throws(Configuration.Mistake) -> [Int]? {
        guard let node = rule.node("exit_codes_ignored") else { return nil }
        guard case .array(let items) = node.value else { throw rule.mistake(node, "exit_codes_ignored", "must be a list of exit codes") }
        return try items.map { item throws(Configuration.Mistake) in
            guard case .number(let code) = item.value, code.rounded() == code, (0...255).contains(code) else {
                throw rule.mistake(item, "exit_codes_ignored", "must be a list of exit codes (0 to 255)")
            }
            return Int(code)
        }
    }
}
