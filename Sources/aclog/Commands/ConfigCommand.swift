import ACLogConfig
import ACLogModel
import ACLogRender
import ArgumentParser

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check a configuration file before the collector reads it.",
        subcommands: [ConfigCheckCommand.self]
    )
}

struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read a configuration file as aclog does, and say what it sets or what is wrong.",
        discussion: """
            Every section is read as the collector, aclog import and aclog prune read it: a key
            aclog does not know, a value of the wrong kind, a format, redaction rule, duration or
            size it cannot take is named with its line, and the exit status is 2. Without FILE, the
            file aclog would read: --config, $ACLOG_CONFIG, else the default place.

            Examples:
              aclog config check /etc/aclog/config.json
              aclog config check && systemctl restart aclog-collect
            """.asHelpParagraphs
    )

    @Argument(help: ArgumentHelp("The file to check.", valueName: "file"))
    var file: String?

    @OptionGroup var options: ConfigOptions

    func run() throws {
        var locate = options
        if let file { locate.config = file }
        guard locate.path() != nil else {
            throw CommandLineError("no configuration file to check: aclog runs with its defaults (give FILE or --config)")
        }
        let configuration = try locate.load()
        var out = OutputBuffer()
        for line in ConfigurationSummary.lines(configuration) { out.line(line) }
        out.flush()
    }
}

/// What a valid configuration sets, for `aclog config check`.
enum ConfigurationSummary {
    static func lines(_ c: Configuration) -> [String] {
        let keep = StatusText.keep
        let formats = c.parsing.chooser.overrides.sorted { $0.key < $1.key }
            .map { "\($0.key): \($0.value.joined(separator: ", "))" }
        let r = c.retention
        return [
            "\(c.path ?? "defaults"): valid",
            "formats     " + (formats.isEmpty ? "chosen from each container's image and service" : formats.joined(separator: "; ")),
            "multiline   lines \(c.parsing.multiline.idleGap / 1_000_000) ms apart at most, \(c.parsing.multiline.maxLines) lines, \(c.parsing.multiline.maxBytes) bytes",
            "retention   logs \(keep(r.logs)), events \(keep(r.events)), samples \(keep(r.metrics.raw)), per minute \(keep(r.metrics.minute)), per hour \(keep(r.metrics.hour))"
                + (r.maxBytes.map { ", at most \(MetricFormat.bytes(Double($0)))" } ?? ""),
            "sampling    " + (c.sampling.enabled ? "every \(keep(c.sampling.interval))" : "off"),
        ]
    }
}
