import ACLogHTTP
import ACLogConfig
import ACLogModel
import ACLogSQLite
import ACLogStore
import ACLogTestSupport
import ACLogTextSearch
import Testing
@testable import ACLogAlerts

struct DeliveryTests {
    static let t0: Int64 = 1_800_000_000 * Timestamp.nanosPerSecond

    func notification(records: String = "[]") -> AlertNotification {
        AlertNotification(id: 7, channel: "c", rule: "traceback", state: "firing", severity: .critical, service: "api", container: "api-1",
                          time: Self.t0, summary: "api-1: <!channel> @everyone & <b>", value: nil, count: 3, records: records,
                          url: "http://127.0.0.1:7070/logs?service=api", attempts: 0, made: Self.t0)
    }

    func channel(_ kind: AlertChannel.Kind, _ url: String) -> AlertChannel {
        AlertChannel(name: "c", kind: kind, url: SecretText(value: url, shown: url), command: [])
    }

    @Test func theWebhookBodyCarriesEveryField() {
        let body = notification(records: #"[{"time":"t","level":"error","message":"m"}]"#).json
        #expect(body == #"{"id":7,"rule":"traceback","state":"firing","severity":"critical","service":"api","container":"api-1","time":"2027-01-15T08:00:00.000000000Z","summary":"api-1: <!channel> @everyone & <b>","value":null,"count":3,"records":[{"time":"t","level":"error","message":"m"}],"url":"http://127.0.0.1:7070/logs?service=api"}"#)
    }

    @Test func chatMessagesNeverMentionOrLinkWhatALogLineSays() {
        let slack = ChannelMessage(notification(), lines: ["t error <@U123> boom"], channel: channel(.slack, "https://hooks.slack.com/services/T/B/X"))
        #expect(!slack.body.contains("<!channel>") && !slack.body.contains("<@U123>") && slack.body.contains("&lt;!channel&gt;"), "\(slack.body)")
        let discord = ChannelMessage(notification(), lines: [], channel: channel(.discord, "https://discord.com/api/webhooks/1/x"))
        #expect(discord.body.hasSuffix(#","allowed_mentions":{"parse":[]}}"#), "\(discord.body)")
        #expect(discord.body.contains("(3 times)"))
    }

    @Test func ntfyIsPublishedAsJSONToTheServerNamingTheTopic() {
        let ntfy = ChannelMessage(notification(), lines: ["2027-01-15T08:00:00Z error boom"], channel: channel(.ntfy, "https://ntfy.example.org/aclog-prod"))
        #expect(ntfy.url == "https://ntfy.example.org/")
        #expect(ntfy.body.hasPrefix(#"{"topic":"aclog-prod","title":"[FIRING] traceback: api","#), "\(ntfy.body)")
        #expect(ntfy.body.contains(#""priority":5,"tags":["rotating_light"],"click":"http://127.0.0.1:7070/logs?service=api"}"#), "\(ntfy.body)")
    }

    @Test func targetsAreReadFromURLs() {
        #expect(HTTPTarget("http://127.0.0.1:9000/hook?x=1") == HTTPTarget(secure: false, host: "127.0.0.1", port: 9000, path: "/hook?x=1"))
        #expect(HTTPTarget("https://hooks.example.org") == HTTPTarget(secure: true, host: "hooks.example.org", port: 443, path: "/"))
        #expect(HTTPTarget("http://[::1]:8080/a")?.hostHeader == "[::1]:8080")
        #expect(HTTPTarget("http://user:pw@host/") == nil)
        #expect(HTTPTarget("ftp://host/") == nil)
    }

    @Test func aFailingChannelIsRetriedWithBackoffThenGivenUp() throws {
        let store = try CollectorStore(path: temporaryDatabase())
        _ = try store.register(container("a1", name: "api-1", service: "api"), at: Self.t0)
        let rule = AlertRule(name: "crash", trigger: .event(.oom), notify: ["c"])
        let engine = try AlertEngine(rules: [rule], db: store.db, now: Self.t0)
        let outbox = try AlertOutbox(db: store.db, rules: [rule], webURL: "http://h:1/")
        let oom = ContainerEvent(time: Self.t0, action: "oom", container: container("a1", name: "api-1", service: "api"))
        try engine.judge(records: [], events: [oom], now: Self.t0)
        #expect(try outbox.due(now: Self.t0).isEmpty)
        let due = try outbox.due(now: Self.t0 + 500_000_000)
        #expect(due.count == 1)
        var n = try #require(due.first?.notification)
        #expect(n.url == "http://h:1/logs?service=api&around=2027-01-15T08%3A00%3A00.000000000Z")
        var now = Self.t0 + 500_000_000
        var waits: [Int64] = []
        while try !outbox.markFailed(n, error: "h answered HTTP 503", at: now) {
            let next = try #require(try outbox.nextDue())
            waits.append((next - now) / Timestamp.nanosPerSecond)
            now = next
            n = try #require(try outbox.due(now: now).first?.notification)
        }
        #expect(Array(waits.prefix(8)) == [1, 2, 4, 8, 16, 32, 60, 60])
        #expect(now - Self.t0 <= outbox.retry.giveUpAfter && now - Self.t0 > outbox.retry.giveUpAfter - outbox.retry.longest)
        #expect(try outbox.nextDue() == nil)
    }

    @Test func theRequiredLiteralNeverChangesWhatAPatternMatches() throws {
        #expect(RequiredLiteral.of("^Traceback") == Array("Traceback".utf8))
        #expect(RequiredLiteral.of("payment (failed|refused) for [0-9]+ orders?") == Array("payment ".utf8))
        #expect(RequiredLiteral.of("a|b") == nil)
        #expect(RequiredLiteral.of(#"x\.yz?"#) == Array("x.y".utf8))
        #expect(RequiredLiteral.of(#"\bERROR\b"#) == Array("ERROR".utf8))
        #expect(RequiredLiteral.of(#"a\|b"#) == nil)
        let patterns = ["^Traceback", "pay (ok|failed) now", "x|y", "Error: [a-z]+", #"\bERROR\b"#, "(?i)timeout", "refused{1,2}", "a+b", "[Ee]rror", "ab*c", "x(yz)?w", "[]a]b"]
        let lines = ["Traceback (most recent", "  Traceback", "ValueError: bad", "ERRORS", "an ERROR here", "TIMEOUT after 3s", "Connection refusedd",
                     "aab", "ac", "abbbc", "xw", "xyzw", "]b", "ab", "error", "Error: 42", "pay failed now", "pay ok nowhere", "y"]
        for pattern in patterns {
            let matcher = try MessageMatcher(pattern)
            let regex = try ExtendedRegex(pattern, perLine: true)
            for line in lines { #expect(matcher.matches(line) == regex.matches(line), "\(pattern) on \(line)") }
        }
    }
}

extension MessageMatcher {
    /// The check `RecordJudge` makes of one message: the literal looked for as `LiteralSet` looks,
    /// then the regular expression.
    func matches(_ message: String) -> Bool {
        var message = message
        return message.withUTF8 { bytes in
            if let literal {
                var present = [false]
                LiteralSet([literal]).scan(bytes, into: &present)
                guard present[0] else { return false }
            }
            return matches(bytes)
        }
    }
}
