import ACLogConfig
import ACLogModel
import ACLogParsing
import Testing

/// The one configuration file: every section read from one value, every mistake named with its
/// key and line.
@Suite struct ConfigurationTests {
    static func mistake(_ text: String) -> String? {
        do {
            _ = try Configuration(text: text, path: "c.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func anEmptyObjectIsTheDefaults() throws {
        let config = try Configuration(text: "{}", path: "c.json")
        #expect(config.retention == RetentionPolicy())
        #expect(config.sampling == Configuration.Sampling())
        #expect(config.parsing.multiline.maxLines == MultilineAssembler.Options().maxLines)
    }

    @Test func everySectionIsRead() throws {
        let config = try Configuration(text: """
            {
              "formats": { "backend": ["loguru", "uvicorn"] },
              "redaction": { "disable": ["key-value-secret"],
                             "patterns": [ { "name": "employee", "pattern": "EMP-[0-9]{6}", "triggers": ["EMP-"] } ] },
              "multiline": { "idle_gap_ms": 500, "max_bytes": 4096, "max_lines": 20 },
              "retention": { "logs": "forever", "events": "30d", "samples": "2d", "samples_1m": "10d", "samples_1h": "100d", "max_size": "2GiB" },
              "sampling": { "interval": "30s", "enabled": false }
            }
            """, path: "c.json")
        let backend = ContainerInfo(id: String(repeating: "a", count: 64), name: "x", image: "python", composeService: "backend", state: "running")
        #expect(config.parsing.chooser.formats(for: backend).map(\.name) == ["loguru", "uvicorn", GenericFormat().name])
        #expect(config.parsing.redactor.redact("id EMP-123456 seen")?.text == "id [REDACTED] seen")
        #expect(config.parsing.multiline.idleGap == 500_000_000 && config.parsing.multiline.maxBytes == 4096 && config.parsing.multiline.maxLines == 20)
        let day = 86_400 * Timestamp.nanosPerSecond
        #expect(config.retention.logs == nil && config.retention.events == 30 * day && config.retention.metrics.raw == 2 * day)
        #expect(config.retention.metrics.minute == 10 * day && config.retention.metrics.hour == 100 * day)
        #expect(config.retention.maxBytes == Int64(2) << 30)
        #expect(config.sampling.interval == 30 * Timestamp.nanosPerSecond && !config.sampling.enabled)
    }

    @Test(arguments: [
        ("{\n  \"retention\": {\n    \"keep_logs\": \"14d\"\n  }\n}", "line 3: unknown key 'retention.keep_logs' (the keys of 'retention' are events, logs, max_size, samples, samples_1h, samples_1m)"),
        ("{\"alert\": []}", "line 1: unknown key 'alert'"),
        ("{\n\"multiline\": {\"max_lines\": 0}}", "line 2: multiline.max_lines must be a whole number of at least 1"),
        ("{\n\n\"sampling\": {\"enabled\": \"yes\"}}", "line 3: sampling.enabled must be true or false, not a string"),
        ("{\"retention\": {\"logs\": \"soon\"}}", "line 1: retention.logs 'soon' is not a duration"),
        ("{\"retention\": {\"max_size\": \"big\"}}", "retention.max_size 'big' is not a size"),
        ("{\"sampling\": {\"interval\": \"500ms\"}}", "sampling.interval"),
        ("{\"formats\": {\n\"backend\": [\"logurus\"]}}", "line 2: format 'logurus' for 'backend' is not one of"),
        ("{\"redaction\": {\"patterns\": [{\"name\": \"x\"}]}}", "redaction.patterns[0]' needs a name and a pattern"),
        ("{\"redaction\": {\"patterns\": [{\"name\": \"x\", \"pattern\": \"(?<=a)b\"}]}}", "redaction pattern 'x'"),
        ("{\"redaction\": {\"disable\": [\"nothing\"]}}", "no built-in redaction 'nothing' to disable"),
        ("{\n\"formats\": {},\n\"formats\": {}}", "line 3: not JSON: the key 'formats' is given twice"),
        ("{\n\"retention\": {\"logs\": \"1d\",}\n}", "line 2: not JSON: expected a key in double quotes"),
        ("{\"retention\": {\"logs\": \"1d\"}", "not JSON: the file ends inside an object"),
        ("[1]", "line 1: the file must be an object, not a list"),
        ("", "not JSON: the file ends where a value should be"),
    ])
    func aMistakeIsNamedWithItsLine(text: String, expected: String) {
        let message = Self.mistake(text)
        #expect(message?.hasPrefix("invalid configuration 'c.json': ") == true, "\(message ?? "accepted")")
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test func stringsAreReadAsJSONSaysAndNullIsAbsent() throws {
        let config = try Configuration(text: #"{"redaction": {"patterns": [{"name": "t\u00e9", "pattern": "x\\dy\ty", "triggers": null}]}, "sampling": null}"#, path: "c.json")
        #expect(config.parsing.redactor.redact("a x1y\ty b")?.text == "a [REDACTED] b")
        #expect(config.sampling.enabled)
    }
}
