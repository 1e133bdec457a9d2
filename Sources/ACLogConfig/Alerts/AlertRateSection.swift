import ACLogModel

/// A rule's `rate`: `{"of": "errors"|"5xx"|"records", "over": "5m", "above": N}`, or
/// `"above_baseline": F` (F times the same hour's average over the previous 7 days).
enum AlertRateSection {
    typealias Rate = AlertRule.RateTrigger

    static func read(_ rate: inout ConfigObject) throws(Configuration.Mistake) -> Rate {
        let subjects = Rate.Subject.allCases.map(\.rawValue).joined(separator: ", ")
        guard let word = try rate.string("of") else { throw Configuration.Mistake(line: rate.line, reason: "\(rate.name("of")) is missing: one of \(subjects)") }
        guard let of = Rate.Subject(rawValue: word.text) else {
            throw Configuration.Mistake(line: word.line, reason: "\(rate.name("of")) '\(word.text)' is not one of \(subjects)")
        }
        guard let span = try rate.string("over") else { throw Configuration.Mistake(line: rate.line, reason: "\(rate.name("over")) is missing: the window counted, such as 5m") }
        let over = try RetentionSection.duration(span, rate.name("over"))
        let count = try rate.integer("above", minimum: 0)
        let factor = try rate.positiveNumber("above_baseline")
        try rate.finish()
        switch (count, factor) {
        case (let count?, nil): return Rate(of: of, over: over, threshold: .count(count))
        case (nil, let factor?): return Rate(of: of, over: over, threshold: .baseline(factor))
        default:
            throw Configuration.Mistake(line: rate.line, reason: "'\(rate.path)' needs one of above (a count) or above_baseline (times the usual rate)")
        }
    }
}
