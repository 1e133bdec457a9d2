import ACLogModel
@testable import ACLogParsing
import Foundation
import Testing

@Suite struct RedactorTests {
    let redactor = Redactor()

    @Test(arguments: [
        ("Incorrect API key provided: sk-6d47d94f4c734357demo0000", "Incorrect API key provided: [REDACTED]"),
        ("langfuse sk-lf-1234567890abcdef1234 and pk-lf-12345678-abcd", "langfuse [REDACTED] and [REDACTED]"),
        ("tavily key tvly-dev-ABCDEFGHIJKLMNOP1234", "tavily key [REDACTED]"),
        ("aliyun LTAI5tAbCdEfGhIjKlMn used", "aliyun [REDACTED] used"),
        ("engine mysql+pymysql://root:123456@mysql:3306/agentchat", "engine mysql+pymysql://root:[REDACTED]@mysql:3306/agentchat"),
        ("redis://default:s3cr3t@redis:6379/0", "redis://default:[REDACTED]@redis:6379/0"),
        ("auth Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok",
         "auth Bearer [REDACTED] ok"),
        ("sender: a@b.c, receiver: d@e.f, password: abcdefghijklmnop", "sender: a@b.c, receiver: d@e.f, password: [REDACTED]"),
        (#"{"user": "x", "password": "hunter22", "n": 1}"#, #"{"user": "x", "password": "[REDACTED]", "n": 1}"#),
        ("INFO:     127.0.0.1:5 - \"GET /cgi-bin/token?appid=wx1&secret=abcdef&grant=1 HTTP/1.1\" 200 OK",
         "INFO:     127.0.0.1:5 - \"GET /cgi-bin/token?appid=wx1&secret=[REDACTED]&grant=1 HTTP/1.1\" 200 OK"),
        ("GET /api?access_token=abc.def.ghi", "GET /api?access_token=[REDACTED]"),
        ("API_KEY=0123456789abcdef0123", "API_KEY=[REDACTED]"),
        ("Detected default credentials 'minioadmin:minioadmin', we recommend", "Detected default credentials '[REDACTED]', we recommend"),
        ("RootUser: minioadmin", "RootUser: [REDACTED]"),
        ("GENERATED ROOT PASSWORD: Ab3xYz", "GENERATED ROOT PASSWORD: [REDACTED]"),
    ])
    func masksTheSecretAndKeepsTheKey(line: String, expected: String) {
        #expect(redactor.redact(line)?.text == expected)
    }

    @Test(arguments: [
        "GET /health 200 time_cost=2.091ms",
        "max_tokens=100 temperature=0.7",
        "2026-11-26 10:00:00.123 | INFO     | agentchat.main:startup:42 - monkey business",
        "1:M 26 Nov 2026 10:00:00.000 * DB saved on disk",
        "http://mysql:3306/agentchat",
        "password reset requested",
    ])
    func leavesOrdinaryLinesAlone(line: String) {
        #expect(redactor.redact(line) == nil)
    }

    @Test func aSecretInsideColourCodesIsMaskedInTheRawLineToo() {
        let builder = RecordBuilder(formats: [GenericFormat()])
        let raw = "    \u{1B}[36m\u{1B}[1m└ \u{1B}[0m\u{1B}[36m'sk-6d47d94f4c734357demo0000'\u{1B}[0m"
        let record = builder.record(time: 1, stream: .stderr, text: raw)
        #expect(record.message == "    └ '[REDACTED]'")
        #expect(record.raw?.contains("sk-6d47") == false)
        #expect(record.raw?.contains("[REDACTED]") == true)
    }

    @Test func aBuiltInRuleCanBeTurnedOff() {
        let line = "password: hunter22"
        #expect(Redactor(disabled: ["key-value-secret"]).redact(line) == nil)
        #expect(Redactor().redact(line) != nil)
    }

    @Test func aUserRuleIsApplied() throws {
        let rule = try RedactionRule(name: "employee-id", triggers: ["emp-"], pattern: #"\bEMP-\d{6}\b"#)
        #expect(Redactor(extra: [rule]).redact("badge EMP-123456 used")?.text == "badge [REDACTED] used")
    }

    /// No secret of the corpus survives: every line of every file, through the record builder.
    @Test func theCorpusLeaksNoSecret() throws {
        let secrets = ["sk-6d47d94f4c734357demo0000", "root:123456@", "abcdefghijklmnop"]
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".log") || $0.hasSuffix(".jsonl") }
        #expect(files.count >= 20)
        let builder = RecordBuilder(formats: [GenericFormat()])
        var found: [String: Int] = [:]
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let record = builder.record(time: 0, stream: .stdout, text: String(line))
                for secret in secrets where line.contains(secret) {
                    found[secret, default: 0] += 1
                    #expect(!record.message.contains(secret), "\(file): \(record.message)")
                    #expect(record.raw?.contains(secret) != true, "\(file): \(record.raw ?? "")")
                }
            }
        }
        // The corpus really has them, so the test is not vacuous.
        #expect(found.keys.count == secrets.count, "\(found)")
    }

    /// The rules mask what they masked when ICU ran them (NSRegularExpression, with the lookahead
    /// that now is a check in code), on every line of the corpus and on lines built around each
    /// kind of secret.
    @Test func masksAsTheICUEngineDid() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".log") || $0.hasSuffix(".jsonl") }
        var lines: [String] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            lines += text.split(separator: "\n").map(String.init)
        }
        let secrets = ["sk-proj-AbCdEfGhIjKlMnOpQrSt", "pk-lf-1234abcd-99", "tvly-ABCDEFGHIJKLMNOPQRST", "LTAI5tAbCdEfGhIjKlMn",
                       "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIz", "postgres://app:pa55w0rd@db:5432/x",
                       "?token=abc123&x=1", "&client_secret=zzz", "password=hunter2", "\"api_key\": \"k-123\"", "Secret: s3",
                       "access_token=[REDACTED]", "RootPass: minio123", "credentials 'ak:sk'", "GENERATED ROOT PASSWORD: x9"]
        for (i, secret) in secrets.enumerated() {
            lines += ["\(secret)", "at start \(secret) then more", "x\(secret)", "café \(secret) 日本", "\(secret),\(secrets[(i + 1) % secrets.count])"]
        }
        let reference = try BuiltInRedactions.definitions.map { name, triggers, pattern in
            (triggers, try NSRegularExpression(pattern: name == "key-value-secret"
                ? pattern.replacingOccurrences(of: #"["']?)[^\s"',;}&]+"#, with: #"["']?)(?!\[REDACTED\])[^\s"',;}&]+"#) : pattern))
        }
        #expect(reference[7].1.pattern.contains("(?!"))
        var masked = 0
        for line in lines {
            var current = line
            for (triggers, expression) in reference where triggers.contains(where: { line.lowercased().contains($0) || $0.isEmpty }) {
                current = Self.icuMask(current, expression)
            }
            let mine = redactor.redact(line)?.text ?? line
            #expect(mine == current, "\(line)")
            if mine != line { masked += 1 }
        }
        #expect(masked >= secrets.count * 4, "the lines hold secrets: \(masked) masked")
    }

    /// The masking that RedactionRule did with ICU: group 1 kept before the secret, group 2 after;
    /// and, as every rule does now, a secret that is already a mask left as it is.
    static func icuMask(_ text: String, _ expression: NSRegularExpression) -> String {
        let ns = text as NSString
        var out = "", cursor = 0
        for match in expression.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let head = match.numberOfRanges > 1 && match.range(at: 1).location != NSNotFound ? match.range(at: 1) : nil
            let tail = match.numberOfRanges > 2 && match.range(at: 2).location != NSNotFound ? match.range(at: 2) : nil
            let start = head.map { $0.location + $0.length } ?? match.range.location
            let end = tail?.location ?? (match.range.location + match.range.length)
            guard end > start, !ns.substring(with: NSRange(location: start, length: end - start)).hasPrefix(RedactionRule.mask) else { continue }
            out += ns.substring(with: NSRange(location: cursor, length: start - cursor)) + RedactionRule.mask
            cursor = end
        }
        return out + ns.substring(from: cursor)
    }
}
