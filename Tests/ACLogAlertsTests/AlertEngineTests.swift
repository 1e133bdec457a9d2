import ACLogModel
import ACLogSQLite
import ACLogStore
import ACLogTestSupport
import Testing
@testable import ACLogAlerts

/// The engine on a real database, with the clock in the test's hands.
struct AlertEngineTests {
    static let t0: Int64 = 1_800_000_000 * Timestamp.nanosPerSecond
    static let second = Timestamp.nanosPerSecond
    let store: CollectorStore
    let api = container("a1", name: "api-1", service: "api")
    let web = container("b2", name: "web-1", service: "web")

    init() throws {
        store = try CollectorStore(path: temporaryDatabase())
        _ = try store.register(api, at: Self.t0)
        _ = try store.register(web, at: Self.t0)
    }

    func engine(_ rules: [AlertRule], started: Int64 = t0) throws -> AlertEngine {
        try AlertEngine(rules: rules, db: store.db, now: started)
    }

    static func record(_ message: String, at time: Int64, level: Level = .error) -> LogRecord {
        LogRecord(time: time, stream: .stdout, level: level, message: message)
    }

    /// (rule, service, state, count, due offset from made, record count) of each notification, oldest first.
    func notifications() throws -> [(rule: String, service: String, state: String, count: Int, summary: String, records: Int)] {
        let s = try store.db.prepare("""
            SELECT a.rule, a.service, n.state, n.count, n.summary, json_array_length(n.records)
            FROM alert_notifications n JOIN alerts a ON a.id = n.alert ORDER BY n.id
            """)
        var out: [(String, String, String, Int, String, Int)] = []
        while try s.step() { out.append((s.text(0), s.text(1), s.text(2), Int(s.int64(3)), s.text(4), Int(s.int64(5)))) }
        return out
    }

    let traceback = AlertRule(name: "tb", trigger: .match(pattern: "Traceback|Error:", level: nil, stream: nil), notify: ["hook"])

    @Test func repeatsFoldIntoTheWaitingNotificationThenAreCountedAndToldAfterTheCooldown() throws {
        let engine = try engine([traceback])
        let t = Self.t0 + Self.second
        // Two batches within the group wait: one notification of 3, 10 records at most.
        try engine.judge(records: [(api, [Self.record("Error: one", at: t), Self.record("plain", at: t)])], events: [], now: t)
        try engine.judge(records: [(api, (0..<14).map { Self.record("Error: one", at: t + Int64($0)) })], events: [], now: t + 100_000_000)
        var told = try notifications()
        #expect(told.count == 1 && told[0].count == 15 && told[0].records == 10, "\(told)")
        // Handed to its channel: later repeats within the cooldown are counted, not sent.
        engine.handedOver(Set([1]))
        try engine.judge(records: [(api, [Self.record("Error: one", at: t + 60 * Self.second)])], events: [], now: t + 60 * Self.second)
        try engine.tick(now: t + 120 * Self.second)
        #expect(try notifications().count == 1)
        // The cooldown (10 min) passes: one notification tells of the repeat.
        try engine.tick(now: t + 601 * Self.second)
        told = try notifications()
        #expect(told.count == 2 && told[1].count == 1 && told[1].records == 1, "\(told)")
        #expect(told[1].summary.hasPrefix("1 more since the last notification"))
    }

    @Test func alertsAreKeyedByServiceAndErrorSignature() throws {
        let engine = try engine([traceback, AlertRule(name: "errors", trigger: .level(.error), notify: ["hook"])])
        let t = Self.t0 + Self.second
        try engine.judge(records: [
            (api, [Self.record("Error: timeout after 30s", at: t), Self.record("Error: timeout after 31s", at: t + 1),
                   Self.record("Error: disk full", at: t + 2), Self.record("warn only", at: t + 3, level: .warn)]),
            (web, [Self.record("Error: timeout after 5s", at: t)]),
        ], events: [], now: t)
        let told = try notifications()
        // tb: api's two signatures and web's one; errors: one per service, whatever the message.
        #expect(told.filter { $0.rule == "tb" }.map { "\($0.service) \($0.count)" }.sorted() == ["api 1", "api 2", "web 1"], "\(told)")
        #expect(told.filter { $0.rule == "errors" }.map { "\($0.service) \($0.count)" }.sorted() == ["api 3", "web 1"], "\(told)")
    }

    @Test func aRuleWatchesOnlyItsServicesLevelsAndStream() throws {
        let rule = AlertRule(name: "api", services: ["api"], trigger: .match(pattern: "boom", level: .warn, stream: .stderr), notify: ["hook"])
        let engine = try engine([rule])
        let t = Self.t0 + Self.second
        var onStderr = Self.record("boom", at: t)
        onStderr.stream = .stderr
        var quiet = onStderr
        quiet.level = .info
        try engine.judge(records: [(web, [onStderr]), (api, [Self.record("boom", at: t), quiet])], events: [], now: t)
        #expect(try notifications().isEmpty)
        try engine.judge(records: [(api, [onStderr])], events: [], now: t)
        #expect(try notifications().map(\.service) == ["api"])
    }

    @Test func crashesHealthAndRestartLoopsFromEvents() throws {
        let rules = [
            AlertRule(name: "crash", trigger: .event(.die(exitCodesIgnored: [0, 143])), notify: ["hook"]),
            AlertRule(name: "sick", trigger: .event(.unhealthy), notify: ["hook"]),
            AlertRule(name: "loop", trigger: .event(.restartLoop(count: 3, within: 60 * Self.second)), notify: ["hook"]),
        ]
        var engine = try engine(rules)
        let t = Self.t0 + Self.second
        func event(_ action: String, _ at: Int64, code: Int? = nil, detail: String? = nil) -> ContainerEvent {
            ContainerEvent(time: at, action: action, container: api, exitCode: code, detail: detail)
        }
        try engine.judge(records: [], events: [event("die", t, code: 0), event("die", t + 1, code: 143)], now: t)
        #expect(try notifications().isEmpty)
        try engine.judge(records: [], events: [event("die", t + 2, code: 3), event("health_status", t + 3, detail: "unhealthy")], now: t)
        try engine.judge(records: [], events: [event("health_status", t + 4 * Self.second, detail: "healthy")], now: t + 4 * Self.second)
        var told = try notifications()
        #expect(told.map { "\($0.rule) \($0.state)" } == ["crash firing", "sick firing", "sick resolved"], "\(told)")
        #expect(told[2].summary == "api-1 is healthy again")
        // Two starts, the collector restarts, a third start: a loop, counted across the restart.
        let stored: [(Int64, ContainerEvent)] = [(1, event("start", t + 5)), (1, event("start", t + 6))]
        var batch = WriteBatch()
        batch.events = stored.map { (row: $0.0, event: $0.1) }
        try store.commit(batch, at: t + 7)
        engine = try self.engine(rules, started: t + 8)
        try engine.judge(records: [], events: [event("start", t + 9 * Self.second)], now: t + 9 * Self.second)
        told = try notifications()
        #expect(told.last.map { "\($0.rule) \($0.summary)" } == "loop api-1 started 3 times within 60 s", "\(told)")
    }

    /// A deploy (the collector's event for a container created from another image) fires the
    /// `deploy` rule with both images; no other event does.
    @Test func aDeployIsTold() throws {
        var engine = try engine([AlertRule(name: "deployed", trigger: .event(.deploy), notify: ["hook"], severity: .info)])
        let t = Self.t0 + Self.second
        try engine.judge(records: [], events: [ContainerEvent(time: t, action: "start", container: api),
                                               ContainerEvent(time: t + 1, action: "die", container: api, exitCode: 3)], now: t)
        #expect(try notifications().isEmpty)
        try engine.judge(records: [], events: [ContainerEvent(time: t + 2, action: "deploy", container: api,
                                                              detail: "api:1 (3f2a1b2c3d4e) → api:2 (9c8d7e6f5a4b)")], now: t + 2)
        let told = try notifications()
        #expect(told.map { "\($0.rule) \($0.state) \($0.service) \($0.summary)" }
                == ["deployed firing api api-1 was deployed: api:1 (3f2a1b2c3d4e) → api:2 (9c8d7e6f5a4b)"], "\(told)")
    }

    @Test func whatWasWrittenBeforeTheCollectorStartedIsOneSummary() throws {
        let started = Self.t0 + 3_600 * Self.second
        let engine = try engine([traceback], started: started)
        let old = Self.t0 + 60 * Self.second
        try engine.judge(records: [(api, (0..<30).map { Self.record("Error: \($0 % 3 == 0 ? "a" : "b")", at: old + Int64($0)) })],
                         events: [], now: started + Self.second)
        // A later batch of the catch-up folds into the waiting summary, which names its service too.
        try engine.judge(records: [(web, [Self.record("Error: c", at: old)])], events: [], now: started + 2 * Self.second)
        var told = try notifications()
        #expect(told.count == 1 && told[0].service == "" && told[0].count == 31, "\(told)")
        #expect(told[0].summary.hasPrefix("written while aclog was away (api, web), first: "), "\(told[0].summary)")
        // A line written after the start is news.
        try engine.judge(records: [(api, [Self.record("Error: a", at: started + 2 * Self.second)])], events: [], now: started + 2 * Self.second)
        told = try notifications()
        #expect(told.count == 2 && told[1].service == "api" && told[1].count == 1)
    }

    @Test func aFiringAlertSurvivesARestartOfTheEngine() throws {
        let t = Self.t0 + Self.second
        try engine([traceback]).judge(records: [(api, [Self.record("Error: x", at: t)])], events: [], now: t)
        let again = try engine([traceback], started: t + Self.second)
        try again.judge(records: [(api, [Self.record("Error: x", at: t + 2 * Self.second)])], events: [], now: t + 2 * Self.second)
        #expect(try notifications().count == 1)
        try again.tick(now: t + 700 * Self.second)
        let told = try notifications()
        #expect(told.count == 2 && told[1].count == 1, "\(told)")
    }
}
