import ACLogModel

/// A rule's `resource`: `{"metric": "cpu"|"mem", "above": P}` (percent of the limit), or
/// `{"metric": "mem", "limit_within": "6h"}` (the growth trend reaches the limit that soon).
enum AlertResourceSection {
    typealias Resource = AlertRule.ResourceTrigger

    static func read(_ resource: inout ConfigObject) throws(Configuration.Mistake) -> Resource {
        guard let word = try resource.string("metric"), let metric = Resource.Metric(rawValue: word.text) else {
            throw Configuration.Mistake(line: resource.line, reason: "\(resource.name("metric")) must be cpu or mem")
        }
        let above = try resource.positiveNumber("above")
        let within = try resource.string("limit_within").map { text throws(Configuration.Mistake) in
            try RetentionSection.duration(text, resource.name("limit_within"))
        }
        try resource.finish()
        switch (above, within) {
        case (let percent?, nil): return .above(metric, percent: percent)
        case (nil, let span?):
            guard metric == .mem else {
                throw Configuration.Mistake(line: resource.line, reason: "\(resource.name("limit_within")) is for memory: its growth reaching the limit")
            }
            return .memoryLimitWithin(span)
        default:
            throw Configuration.Mistake(line: resource.line, reason: "'\(resource.path)' needs one of above (percent of the limit) or limit_within (mem only)")
        }
    }
}
