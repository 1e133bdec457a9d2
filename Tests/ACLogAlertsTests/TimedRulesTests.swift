import ACLogModel
import ACLogSQLite
import ACLogStore
import ACLogTestSupport
import Testing
@testable import ACLogAlerts

/// Rules whose condition lasts, judged once a second on what the engine saw.
struct TimedRulesTests {
    static let t0 = AlertEngineTests.t0
    static let second = AlertEngineTests.second
    let store: CollectorStore
    let api = container("a1", name: "api-1", service: "api")

    init() throws {
        store = try CollectorStore(path: temporaryDatabase())
        _ = try store.register(api, at: Self.t0)
    }

    func told() throws -> [String] {
        let s = try store.db.prepare("SELECT a.rule, n.state, n.summary, coalesce(n.value, '') FROM alert_notifications n JOIN alerts a ON a.id = n.alert ORDER BY n.id")
        var out: [String] = []
        while try s.step() { out.append("\(s.text(0)) \(s.text(1)): \(s.text(2)) [\(s.text(3))]") }
        return out
    }

    func errors(_ count: Int, at time: Int64) -> [LogRecord] {
        (0..<count).map { LogRecord(time: time + Int64($0), stream: .stdout, level: .error, message: "Error: e\($0)") }
    }

    @Test func aRateFiresOnceItHeldForItsForAndResolvesWhenItFalls() throws {
        let rule = AlertRule(name: "errors", trigger: .rate(.init(of: .errors, over: 60 * Self.second, threshold: .count(5))),
                             notify: ["hook"], holdFor: 2 * Self.second)
        let engine = try AlertEngine(rules: [rule], db: store.db, now: Self.t0)
        engine.registered(api, now: Self.t0)
        let t = Self.t0 + 10 * Self.second
        try engine.judge(records: [(api, errors(6, at: t))], events: [], now: t)
        try engine.tick(now: t + Self.second)
        #expect(try told().isEmpty)  // holds, not yet for 2 s
        try engine.tick(now: t + 3 * Self.second)
        #expect(try told() == ["errors firing: api: 6 errors in 1 min 0 s, above 5 [6]"])
        try engine.tick(now: t + 30 * Self.second)
        #expect(try told().count == 1)
        // A minute on, the errors have left the window.
        try engine.tick(now: t + 61 * Self.second)
        #expect(try told().last == "errors resolved: api: 0 errors in 1 min 0 s, back to 5 or fewer [0]")
    }

    @Test func aRateAgainstTheUsualNeedsHistoryAndFiresAboveItsMultiple() throws {
        let rule = AlertRule(name: "surge", trigger: .rate(.init(of: .records, over: 60 * Self.second, threshold: .baseline(3))), notify: ["hook"])
        let now = Self.t0 + 8 * 86_400 * Self.second
        var engine = try AlertEngine(rules: [rule], db: store.db, now: now)
        try engine.judge(records: [(api, errors(100, at: now))], events: [], now: now)
        try engine.tick(now: now + Self.second)
        #expect(try told().isEmpty, "no history: nothing to compare with")
        // The same hour of each of the 7 days before: 600 records an hour, 10 a minute.
        for day in 1...7 {
            var batch = WriteBatch()
            let hour = Timestamp.floor(now, to: 3_600 * Self.second) - Int64(day) * 86_400 * Self.second
            batch.append(row: 1, stream: .stdout, records: (0..<600).map { LogRecord(time: hour + Int64($0) * 6 * Self.second, stream: .stdout, level: .info, message: "ok") },
                         position: StreamPosition(time: hour, countAtTime: 0))
            try store.commit(batch, at: now)
        }
        engine = try AlertEngine(rules: [rule], db: store.db, now: now)
        try engine.judge(records: [(api, errors(25, at: now))], events: [], now: now)
        try engine.tick(now: now + Self.second)
        #expect(try told().isEmpty, "25 is not above 3x the usual 10")
        try engine.judge(records: [(api, errors(10, at: now + Self.second))], events: [], now: now + Self.second)
        try engine.tick(now: now + 2 * Self.second)
        #expect(try told() == ["surge firing: api: 35 records in 1 min 0 s, above 3.0x the usual 10 [35]"])
    }

    @Test func aRunningServiceThatGoesSilentFiresAndResolvesWhenItWritesAgain() throws {
        let rule = AlertRule(name: "quiet", trigger: .silence(30 * Self.second), notify: ["hook"])
        let engine = try AlertEngine(rules: [rule], db: store.db, now: Self.t0)
        engine.registered(api, now: Self.t0)
        try engine.tick(now: Self.t0 + 29 * Self.second)
        #expect(try told().isEmpty)
        try engine.tick(now: Self.t0 + 31 * Self.second)
        #expect(try told() == ["quiet firing: api: no records for 31 s [31]"])
        let t = Self.t0 + 40 * Self.second
        try engine.judge(records: [(api, errors(1, at: t))], events: [], now: t)
        try engine.tick(now: t + Self.second)
        #expect(try told().last == "quiet resolved: api writes again [1]")
        // A stopped service is not silent.
        try engine.judge(records: [], events: [ContainerEvent(time: t + 2 * Self.second, action: "die", container: api, exitCode: 0)], now: t + 2 * Self.second)
        try engine.tick(now: t + 100 * Self.second)
        #expect(try told().count == 2)
    }

    @Test func resourcesAgainstTheirLimitsAndMemoryGrowingToItsLimit() throws {
        let cpu = AlertRule(name: "cpu", trigger: .resource(.above(.cpu, percent: 80)), notify: ["hook"], holdFor: 20 * Self.second)
        let full = AlertRule(name: "full", trigger: .resource(.memoryLimitWithin(3_600 * Self.second)), notify: ["hook"])
        let engine = try AlertEngine(rules: [cpu, full], db: store.db, now: Self.t0)
        engine.registered(api, now: Self.t0)
        engine.setCPULimit(50, container: "api-1")  // half a core
        let mib = 1_048_576.0
        // 45 % of one core is 90 % of its limit; memory grows 1 MiB a minute towards 512 MiB.
        for i in 0..<6 {
            let t = Self.t0 + Int64(i) * 10 * Self.second
            let sample = MetricSample(time: t, values: [.cpu: 45, .mem: (200 + Double(i) / 6) * mib], memoryLimit: 512 * mib)
            try engine.judge(records: [], events: [], samples: [(api, sample)], now: t)
            try engine.tick(now: t)
        }
        let first = try told()
        #expect(first.contains("cpu firing: api-1: CPU at 90% of its limit [90.0]"), "\(first)")
        #expect(!first.contains { $0.hasPrefix("full") }, "full in about 5 h: not within 1 h")
        // Faster growth: 100 MiB a minute.
        for i in 6..<12 {
            let t = Self.t0 + Int64(i) * 10 * Self.second
            let sample = MetricSample(time: t, values: [.cpu: 10, .mem: (200 + Double(i - 6) * 100 / 6 + 10) * mib], memoryLimit: 512 * mib)
            try engine.judge(records: [], events: [], samples: [(api, sample)], now: t)
            try engine.tick(now: t)
        }
        let after = try told()
        #expect(after.contains("cpu resolved: api-1: CPU at 20% of its limit [20.0]"), "\(after)")
        #expect(after.contains { $0.hasPrefix("full firing: api-1: memory ") && $0.contains("full in about") }, "\(after)")
    }

    @Test func aNewSignatureIsOneNotSeenInItsDays() throws {
        // An error seen 3 days ago is known; one seen 10 days ago is not (7 days).
        var batch = WriteBatch()
        batch.append(row: 1, stream: .stdout, records: [
            LogRecord(time: Self.t0 - 3 * 86_400 * Self.second, stream: .stdout, level: .error, message: "Error: disk full on /var/1"),
            LogRecord(time: Self.t0 - 10 * 86_400 * Self.second, stream: .stdout, level: .error, message: "Error: lost connection 7"),
        ], position: StreamPosition(time: Self.t0, countAtTime: 0))
        try store.commit(batch, at: Self.t0)
        let rule = AlertRule(name: "new", trigger: .newSignature(days: 7), notify: ["hook"])
        let engine = try AlertEngine(rules: [rule], db: store.db, now: Self.t0)
        let t = Self.t0 + Self.second
        try engine.judge(records: [(api, [
            LogRecord(time: t, stream: .stdout, level: .error, message: "Error: disk full on /var/2"),
            LogRecord(time: t, stream: .stdout, level: .error, message: "Error: lost connection 9"),
            LogRecord(time: t, stream: .stdout, level: .error, message: "Error: lost connection 10"),
            LogRecord(time: t, stream: .stdout, level: .warn, message: "Warning: brand new"),
        ])], events: [], now: t)
        #expect(try told() == ["new firing: a new error in api-1: Error: lost connection 9 []"])
    }
}
