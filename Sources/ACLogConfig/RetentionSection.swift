import ACLogDocker
import ACLogModel

/// The file's `retention`: durations such as `14d`, `forever` for logs, `max_size` such as `2GiB`.
enum RetentionSection {
    static func read(_ section: inout ConfigObject) throws(Configuration.Mistake) -> RetentionPolicy {
        var policy = RetentionPolicy()
        if let logs = try section.string("logs") {
            policy.logs = logs.text == "forever" ? nil : try duration(logs, section.name("logs"))
        }
        if let events = try section.string("events") { policy.events = try duration(events, section.name("events")) }
        if let raw = try section.string("samples") { policy.metrics.raw = try duration(raw, section.name("samples")) }
        if let minute = try section.string("samples_1m") { policy.metrics.minute = try duration(minute, section.name("samples_1m")) }
        if let hour = try section.string("samples_1h") { policy.metrics.hour = try duration(hour, section.name("samples_1h")) }
        if let size = try section.string("max_size") {
            guard let bytes = DockerSize.bytes(size.text), bytes > 0 else {
                throw Configuration.Mistake(line: size.line, reason: "\(section.name("max_size")) '\(size.text)' is not a size (500MB, 2GiB, 1TB)")
            }
            policy.maxBytes = bytes
        }
        try section.finish()
        return policy
    }

    static func duration(_ value: (text: String, line: Int), _ key: String) throws(Configuration.Mistake) -> Int64 {
        do {
            return try TimeExpression.duration(value.text)
        } catch {
            throw Configuration.Mistake(line: value.line, reason: "\(key) '\(value.text)' is not a duration (10s, 5m, 1h, 7d, 2w)")
        }
    }
}

/// The file's `sampling`: `interval` (at least 1 s, docker stats' own refresh) and `enabled`.
enum SamplingSection {
    static func read(_ section: inout ConfigObject) throws(Configuration.Mistake) -> Configuration.Sampling {
        var sampling = Configuration.Sampling()
        if let enabled = try section.bool("enabled") { sampling.enabled = enabled }
        if let interval = try section.string("interval") {
            sampling.interval = try RetentionSection.duration(interval, section.name("interval"))
            guard sampling.interval >= Timestamp.nanosPerSecond else {
                throw Configuration.Mistake(line: interval.line, reason: "\(section.name("interval")) \(interval.text) is shorter than docker stats' own 1 s refresh")
            }
        }
        try section.finish()
        return sampling
    }
}
