import ACLogConfig
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
