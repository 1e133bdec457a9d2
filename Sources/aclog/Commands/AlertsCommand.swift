import ACLogConfig
import ACLogModel
import ACLogQuery
import ACLogRender
import ArgumentParser

struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Alert rules: try them on stored history before anyone is paged.",
        subcommands: [AlertsTestCommand.self]
    )
}

struct AlertsTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Replay the configuration's alert rules over stored history: how often each would have notified.",
        discussion: """
            Each rule of the configuration's alerts section (or RULE alone) is run over the records
            and container events stored in the window, as the collector will run it: repeats of one
            alert (the rule, the service, and for a match the error signature) within the rule's
            cooldown are one notification, with their count. Nothing is sent. match, level and
            event rules (die, oom, unhealthy, restart_loop) are replayed; the others say so.

            Examples:
              aclog alerts test --since 7d
              aclog alerts test traceback --since 24h -o json
            """.asHelpParagraphs
    )

    @Argument(help: ArgumentHelp("Only this rule.", valueName: "rule"))
    var rule: String?

    @OptionGroup var time: TimeRangeOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The output format: json is an object a rule.", valueName: "format"))
    var output: ListingOptions.Format = .table

    @OptionGroup var options: ConfigOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let rules = try options.load().alerts.rules
        guard !rules.isEmpty else { throw CommandLineError("the configuration has no alert rules to test (its alerts.rules)") }
        let chosen = try rule.map { name in
            guard let found = rules.first(where: { $0.name == name }) else {
                throw CommandLineError("no alert rule '\(name)' (the rules are \(rules.map(\.name).joined(separator: ", ")))")
            }
            return [found]
        } ?? rules
        let window = try time.closed(defaultSince: "7d")
        let db = try database.open()
        var out = OutputBuffer()
        let text = AlertReplayText(utc: time.utc)
        for rule in chosen {
            let replay = try db.replay(rule, since: window.since, until: window.until)
            switch output {
            case .json: out.line(AlertReplayText.json(replay))
            case .table: for line in text.lines(replay, rule: rule, window: window) { out.line(line) }
            }
        }
        out.flush()
    }
}
