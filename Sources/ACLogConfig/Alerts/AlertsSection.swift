import ACLogModel
import ACLogTextSearch

/// The file's `alerts`: `notify` (channels by name, their URLs may take `${NAME}` from the
/// environment) and `rules`, each with exactly one trigger; a mistake is named with its line.
enum AlertsSection {
    static let triggers = ["match", "level", "event", "rate", "new_signature", "resource", "silence"]

    static func read(_ section: inout ConfigObject, environment: [String: String]) throws(Configuration.Mistake) -> AlertsConfiguration {
        var alerts = AlertsConfiguration()
        if let url = try section.string("url") {
            guard url.text.hasPrefix("http://") || url.text.hasPrefix("https://") else {
                throw Configuration.Mistake(line: url.line, reason: "\(section.name("url")) '\(url.text)' is not an http:// or https:// URL")
            }
            alerts.link = url.text
        }
        if let wait = try section.string("group_wait") {
            alerts.groupWait = try RetentionSection.duration(wait, section.name("group_wait"))
        }
        if let notify = try section.object("notify") {
            for (name, node) in notify.entries {
                var channel = try ConfigObject(node, path: notify.name(name))
                alerts.channels.append(try AlertChannelSection.read(name, &channel, environment: environment))
            }
        }
        for var rule in try section.objects("rules") ?? [] {
            let read = try AlertRuleSection.read(&rule, channels: alerts.channels)
            if alerts.rules.contains(where: { $0.name == read.name }) {
                throw Configuration.Mistake(line: rule.line, reason: "\(rule.name("name")) '\(read.name)' is the name of an earlier rule too")
            }
            alerts.rules.append(read)
        }
        try section.finish()
        return alerts
    }
}

/// One channel of `alerts.notify`: exactly one of `webhook`, `ntfy`, `slack`, `discord` (a URL)
/// or `exec` (a program and its arguments).
enum AlertChannelSection {
    static func read(_ name: String, _ object: inout ConfigObject, environment: [String: String]) throws(Configuration.Mistake) -> AlertChannel {
        var found: AlertChannel?
        for kind in AlertChannel.Kind.allCases {
            let channel: AlertChannel?
            if kind == .exec {
                channel = try object.strings("exec").map { command throws(Configuration.Mistake) in
                    guard !command.isEmpty, !command[0].isEmpty else {
                        throw Configuration.Mistake(line: object.line, reason: "\(object.name("exec")) must name a program: [\"/usr/local/bin/page\", \"--urgent\"]")
                    }
                    return AlertChannel(name: name, kind: .exec, url: SecretText(value: "", shown: ""), command: command)
                }
            } else if let text = try object.string(kind.rawValue) {
                channel = AlertChannel(name: name, kind: kind, url: try url(text, object.name(kind.rawValue), environment), command: [])
            } else {
                channel = nil
            }
            guard let channel else { continue }
            if found != nil {
                throw Configuration.Mistake(line: object.line, reason: "'\(object.path)' has two kinds of channel: give one of \(kinds)")
            }
            found = channel
        }
        try object.finish()
        guard let found else { throw Configuration.Mistake(line: object.line, reason: "'\(object.path)' names no channel: give one of \(kinds)") }
        return found
    }

    static let kinds = AlertChannel.Kind.allCases.map(\.rawValue).joined(separator: ", ")

    static func url(_ text: (text: String, line: Int), _ key: String, _ environment: [String: String]) throws(Configuration.Mistake) -> SecretText {
        let (expanded, missing) = SecretText.expanding(text.text, environment: environment)
        guard let expanded else {
            throw Configuration.Mistake(line: text.line, reason: "\(key) takes ${\(missing ?? "")} from the environment, which does not set it")
        }
        guard expanded.value.hasPrefix("http://") || expanded.value.hasPrefix("https://") else {
            throw Configuration.Mistake(line: text.line, reason: "\(key) '\(expanded.shown)' is not an http:// or https:// URL")
        }
        return expanded
    }
}
