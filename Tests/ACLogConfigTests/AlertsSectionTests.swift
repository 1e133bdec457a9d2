import ACLogConfig
import ACLogModel
import Testing

/// The configuration's `alerts`: the issue's example read whole, every trigger with its options,
/// secrets from the environment kept out of what is shown, and each mistake one line with its line.
@Suite struct AlertsSectionTests {
    static let environment = ["HOOK_TOKEN": "s3cr3t-token", "NTFY_TOPIC": "aclog-prod"]

    static func read(_ alerts: String) throws -> AlertsConfiguration {
        try Configuration(text: "{\"alerts\": \(alerts)}", path: "c.json", environment: environment).alerts
    }

    static func mistake(_ alerts: String) -> String? {
        do {
            _ = try read(alerts)
            return nil
        } catch {
            return "\(error)"
        }
    }

    static let channels = #""notify": {"oncall": {"webhook": "http://127.0.0.1:9000/hook"}}"#

    @Test func theIssuesExampleIsReadWhole() throws {
        let alerts = try Self.read("""
            {
              "notify": {"oncall": {"webhook": "http://127.0.0.1:9000/hook"},
                         "phone":  {"ntfy": "https://ntfy.example.org/aclog-prod"}},
              "rules": [
                {"name": "traceback", "service": "backend", "match": "Traceback", "notify": ["oncall"]},
                {"name": "crash", "event": "die", "notify": ["oncall", "phone"]},
                {"name": "oom", "event": "oom", "notify": ["oncall", "phone"]},
                {"name": "errors", "service": "backend", "rate": {"of": "errors", "over": "5m", "above": 50}, "notify": ["oncall"]},
                {"name": "memory", "resource": {"metric": "mem", "above": 90}, "for": "2m", "notify": ["oncall"]}
              ]
            }
            """)
        #expect(alerts.channels.map(\.name) == ["oncall", "phone"])
        #expect(alerts.channel("phone")?.kind == .ntfy)
        #expect(alerts.rules.map(\.name) == ["traceback", "crash", "oom", "errors", "memory"])
        #expect(alerts.rules[0] == AlertRule(name: "traceback", services: ["backend"], trigger: .match(pattern: "Traceback", level: nil, stream: nil),
                                             notify: ["oncall"], holdFor: nil, cooldown: AlertRule.defaultCooldown, severity: .warning))
        #expect(alerts.rules[1].trigger == .event(.die(exitCodesIgnored: [0, 130, 143])))
        #expect(alerts.rules[3].trigger == .rate(.init(of: .errors, over: 300 * Timestamp.nanosPerSecond, threshold: .count(50))))
        #expect(alerts.rules[4].trigger == .resource(.above(.mem, percent: 90)))
        #expect(alerts.rules[4].holdFor == 120 * Timestamp.nanosPerSecond)
    }

    @Test func everyTriggerAndItsOptions() throws {
        let rules = try Self.read("""
            {\(Self.channels), "rules": [
              {"name": "a", "service": ["api", "worker"], "match": "Timeout|refused", "level": "warn", "stream": "stderr", "notify": ["oncall"],
               "cooldown": "30m", "severity": "critical"},
              {"name": "b", "level": "error", "notify": ["oncall"]},
              {"name": "c", "event": "die", "exit_codes_ignored": [0, 1], "notify": ["oncall"]},
              {"name": "d", "event": "restart_loop", "count": 5, "within": "15m", "notify": ["oncall"]},
              {"name": "e", "event": "unhealthy", "notify": ["oncall"]},
              {"name": "f", "event": "deploy", "notify": ["oncall"]},
              {"name": "g", "rate": {"of": "5xx", "over": "1h", "above_baseline": 2.5}, "notify": ["oncall"]},
              {"name": "h", "new_signature": {"days": 3}, "notify": ["oncall"]},
              {"name": "i", "new_signature": true, "notify": ["oncall"]},
              {"name": "j", "resource": {"metric": "mem", "limit_within": "6h"}, "notify": ["oncall"]},
              {"name": "k", "silence": "10m", "service": "cron", "notify": ["oncall"]}
            ]}
            """).rules
        let minute = 60 * Timestamp.nanosPerSecond
        #expect(rules[0].services == ["api", "worker"] && rules[0].cooldown == 30 * minute && rules[0].severity == .critical)
        let expected: [AlertRule.Trigger] = [
            .match(pattern: "Timeout|refused", level: .warn, stream: .stderr),
            .level(.error),
            .event(.die(exitCodesIgnored: [0, 1])),
            .event(.restartLoop(count: 5, within: 15 * minute)),
            .event(.unhealthy),
            .event(.deploy),
            .rate(.init(of: .fiveXX, over: 60 * minute, threshold: .baseline(2.5))),
            .newSignature(days: 3),
            .newSignature(days: 7),
            .resource(.memoryLimitWithin(360 * minute)),
            .silence(10 * minute),
        ]
        #expect(rules.map(\.trigger) == expected)
    }

    @Test func aSecretComesFromTheEnvironmentAndIsNeverShown() throws {
        let alerts = try Self.read("""
            {"notify": {"hook": {"slack": "https://hooks.slack.com/services/${HOOK_TOKEN}"},
                        "run": {"exec": ["/usr/local/bin/page", "--urgent"]}}}
            """)
        let hook = try #require(alerts.channel("hook"))
        #expect(hook.url.value == "https://hooks.slack.com/services/s3cr3t-token")
        #expect("\(hook.url)" == "https://hooks.slack.com/services/${HOOK_TOKEN}")
        #expect(alerts.channel("run")?.command == ["/usr/local/bin/page", "--urgent"])
        let missing = Self.mistake(#"{"notify": {"hook": {"webhook": "https://x.example/${NOT_SET}"}}}"#)
        #expect(missing == "invalid configuration 'c.json': line 1: alerts.notify.hook.webhook takes ${NOT_SET} from the environment, which does not set it")
    }

    @Test func eachMistakeIsOneLineNamingItsPlace() {
        let rule = { (body: String) in Self.mistake("{\(Self.channels),\n\"rules\": [\n{\"name\": \"r\", \"notify\": [\"oncall\"], \(body)}]}") }
        let cases: [(String, String)] = [
            (#""match": "(unclosed""#, "line 3: alerts.rules[0].match: invalid regular expression '(unclosed'"),
            (#""event": "oom", "evnt": "die""#, "line 3: unknown key 'alerts.rules[0].evnt'"),
            (#""event": "crashed""#, "line 3: alerts.rules[0].event 'crashed' is not one of die, oom, unhealthy, restart_loop, deploy"),
            (#""event": "die", "match": "x""#, "line 3: 'alerts.rules[0]' has two triggers"),
            (#""level": "loud""#, "line 3: alerts.rules[0].level 'loud' is not a level"),
            (#""rate": {"of": "errors", "over": "5m"}"#, "'alerts.rules[0].rate' needs one of above (a count) or above_baseline"),
            (#""rate": {"of": "warnings", "over": "5m", "above": 3}"#, "alerts.rules[0].rate.of 'warnings' is not one of errors, 5xx, records"),
            (#""resource": {"metric": "cpu", "limit_within": "1h"}"#, "limit_within is for memory"),
            (#""silence": "soon""#, "alerts.rules[0].silence 'soon' is not a duration"),
            (#""event": "oom", "severity": "panic""#, "alerts.rules[0].severity 'panic' is not one of info, warning, critical"),
            (#""event": "oom", "for": "ever""#, "alerts.rules[0].for 'ever' is not a duration"),
            ("\"service\": 3, \"event\": \"oom\"", "alerts.rules[0].service must be a service name or a list of them"),
        ]
        for (body, expected) in cases {
            let said = rule(body)
            #expect(said?.contains(expected) == true, "\(body): \(said ?? "accepted")")
            #expect(said?.contains("\n") == false)
        }
        #expect(rule(#""severity": "info""#)?.contains("has no trigger: give one of match, level, event, rate, new_signature, resource, silence") == true)
        #expect(Self.mistake("{\(Self.channels), \"rules\": [{\"name\": \"r\", \"event\": \"oom\", \"notify\": [\"pager\"]}]}")?
            .contains("alerts.rules[0].notify names 'pager', which is not a channel of alerts.notify (oncall)") == true)
        #expect(Self.mistake("{\(Self.channels), \"rules\": [{\"name\": \"r\", \"event\": \"oom\", \"notify\": [\"oncall\"]}, {\"name\": \"r\", \"event\": \"die\", \"notify\": [\"oncall\"]}]}")?
            .contains("'r' is the name of an earlier rule too") == true)
        #expect(Self.mistake(#"{"notify": {"x": {"webhook": "ftp://files.example/x"}}}"#)?.contains("is not an http:// or https:// URL") == true)
        #expect(Self.mistake(#"{"notify": {"x": {"webhook": "http://a", "ntfy": "http://b"}}}"#)?.contains("has two kinds of channel") == true)
        #expect(Self.mistake(#"{"notify": {"x": {}}}"#)?.contains("names no channel: give one of webhook, ntfy, slack, discord, exec") == true)
    }
}
