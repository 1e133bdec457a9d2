import ACLogConfig
import ACLogModel
import ACLogQuery
import ACLogRender
import ArgumentParser

struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Alerts: the rules, what is firing, what was notified; try rules on history before anyone is paged.",
        subcommands: [AlertsListCommand.self, AlertsTestCommand.self],
        defaultSubcommand: AlertsListCommand.self
    )
}

struct AlertsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The alert rules, the alerts firing now, and the notifications of the window with their delivery.",
        discussion: """
            The rules come from the configuration (--config; channels are shown by name and kind,
            never by their URLs); what fired, what was sent, what waits for a channel that failed
            (and why), and what was given up, from the database the collector writes.

            Examples:
              aclog alerts --config /etc/aclog.json
              aclog alerts --since 24h -o json
            """.asHelpParagraphs
    )

    @OptionGroup var time: TimeRangeOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The output format: json is one object.", valueName: "format"))
    var output: ListingOptions.Format = .table

    @OptionGroup var options: ConfigOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let alerts = try options.load().alerts
        let window = try time.closed(defaultSince: "7d")
        let status = try database.open().alertStatus(since: window.since, until: window.until)
        var out = OutputBuffer()
        switch output {
        case .json: out.line(AlertStatusText.json(status, alerts: alerts))
        case .table:
            for line in AlertStatusText(utc: time.utc).lines(status, alerts: alerts, span: DurationText.elapsed(window.until - window.since)) {
                out.line(line)
            }
        }
        out.flush()
    }
}

struct AlertsTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Replay the configuration's alert rules over stored history: how often each would have notified.",
        discussion: """
            Each rule of the configuration's alerts section (or RULE alone) is run over the records
            and container events stored in the window, as the collector will run it: repeats of one
            alert (the rule, the service, and for a match the error signature) within the rule's
            cooldown are one notification, with their count. Nothing is sent. match, level,
            new_signature, rate (minute by minute, from the per-minute counts) and event rules (die,
            oom, unhealthy, restart_loop) are replayed; resource and silence say they are not.

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
