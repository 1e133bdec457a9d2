import ACLogConfig
import ACLogModel
import ACLogParsing
import Testing

/// The configuration written in YAML reads as the same written in JSON, and what YAML could
/// misread is refused with its line.
@Suite struct YAMLConfigurationTests {
    static let environment = ["HOOK_TOKEN": "s3cr3t"]

    static let json = """
        {"alerts": {
          "group_wait": "2s",
          "notify": {"oncall": {"webhook": "https://hooks.example.org/${HOOK_TOKEN}"},
                     "phone":  {"ntfy": "https://ntfy.example.org/aclog-prod"},
                     "pager":  {"exec": ["/usr/local/bin/page", "--urgent"]}},
          "rules": [
            {"name": "traceback", "service": "backend", "match": "^Traceback \\\\(most", "notify": ["oncall"]},
            {"name": "crash", "event": "die", "exit_codes_ignored": [0, 130, 143], "notify": ["oncall", "phone"]},
            {"name": "errors", "service": ["backend", "worker"], "rate": {"of": "errors", "over": "5m", "above": 50}, "notify": ["oncall"]},
            {"name": "memory", "resource": {"metric": "mem", "above": 90}, "for": "2m", "notify": ["oncall"], "severity": "critical"}
          ]},
         "retention": {"logs": "14d", "max_size": "2GiB"},
         "sampling": {"interval": "30s", "enabled": true},
         "formats": {"backend": ["loguru", "uvicorn"]}}
        """

    static let yaml = """
        # aclog's configuration, the same as the JSON above
        ---
        alerts:
          group_wait: 2s
          notify:
            oncall: {webhook: "https://hooks.example.org/${HOOK_TOKEN}"}   # a secret from the environment
            phone:
              ntfy: https://ntfy.example.org/aclog-prod
            pager:
              exec: [/usr/local/bin/page, --urgent]
          rules:
          - name: traceback
            service: backend
            match: '^Traceback \\(most'
            notify: [oncall]
          - name: crash
            event: die
            exit_codes_ignored: [0, 130,
                                 143]
            notify:
              - oncall
              - phone
          - {name: errors, service: [backend, worker], rate: {of: errors, over: 5m, above: 50}, notify: [oncall]}
          -   name: memory
              resource:
                metric: mem
                above: 90
              for: 2m
              notify: [ oncall ]
              severity: "critical"
        retention:
          logs: 14d
          max_size: 2GiB
        sampling: {interval: 30s, enabled: true}
        formats:
          backend: [loguru, uvicorn]
        """

    @Test func theSameConfigurationInYAMLReadsAsInJSON() throws {
        let fromJSON = try Configuration(text: Self.json, path: "c.json", environment: Self.environment)
        let fromYAML = try Configuration(text: Self.yaml, path: "c.yaml", environment: Self.environment)
        #expect(fromYAML.alerts == fromJSON.alerts)
        #expect(fromYAML.alerts.rules.count == 4 && fromYAML.alerts.groupWait == 2 * Timestamp.nanosPerSecond)
        #expect(fromYAML.alerts.channel("oncall")?.url.value == "https://hooks.example.org/s3cr3t")
        #expect(fromYAML.retention == fromJSON.retention)
        #expect(fromYAML.sampling == fromJSON.sampling)
        let backend = ContainerInfo(id: String(repeating: "a", count: 64), name: "x", image: "python", composeService: "backend", state: "running")
        #expect(fromYAML.parsing.chooser.formats(for: backend).map(\.name) == fromJSON.parsing.chooser.formats(for: backend).map(\.name))
        #expect(fromYAML.parsing.chooser.formats(for: backend).map(\.name).prefix(2) == ["loguru", "uvicorn"])
        // A file named .yml, or whose text does not start with {, is YAML whatever else it is named.
        #expect(try Configuration(text: "sampling:\n  enabled: false\n", path: "aclog.conf").sampling.enabled == false)
    }

    @Test(arguments: [
        ("alerts:\n\tnotify: {}\n", "line 2: not YAML: a tab in the indentation"),
        ("retention: &keep\n  logs: 1d\n", "line 1: not YAML: aclog's configuration does not take YAML anchors"),
        ("sampling:\n  interval: |\n    30s\n", "line 2: not YAML: aclog's configuration does not take YAML block scalars"),
        ("sampling:\n  enabled: true\n  enabled: false\n", "line 3: not YAML: 'enabled' is given twice"),
        ("sampling:\n    enabled: true\n  interval: 30s\n", "line 3: not YAML: this line is indented less than the block it follows"),
        ("retention:\n  logs: [1d\n", "line 2: not YAML: a list without its closing ]"),
        ("retention:\n  logs: \"1d\n", "line 2: not YAML: a quoted string without its closing \""),
        ("sampling:\n  interval: 30 parsecs\n", "line 2: "),
        ("retention:\n  keep: 1d\n", "line 2: unknown key 'retention.keep'"),
        ("a: 1\n---\nb: 2\n", "line 2: not YAML: one document only"),
    ])
    func mistakesAreOneLineWithTheirLine(text: String, expected: String) {
        do {
            _ = try Configuration(text: text, path: "c.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    @Test func scalarsAreReadAsYAMLsCoreSchemaSays() throws {
        let text = """
            redaction:
              patterns:
              - name: "hash # not a comment"
                pattern: 'it''s [0-9]+'   # a comment
                triggers: ["it's", '#']
            multiline: {idle_gap_ms: 1500, max_lines: 20}
            """
        let configuration = try Configuration(text: text, path: "c.yaml")
        // The pattern 'it''s [0-9]+' is it's [0-9]+, triggered by "it's".
        #expect(configuration.parsing.redactor.redact("so it's 42 then")?.text == "so [REDACTED] then")
        #expect(configuration.parsing.multiline.idleGap == 1_500_000_000)
        #expect(configuration.parsing.multiline.maxLines == 20)
    }
}
