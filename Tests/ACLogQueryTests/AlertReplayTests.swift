import ACLogModel
@testable import ACLogQuery
import ACLogStore
import ACLogTestSupport
import Testing

/// `aclog alerts test`: a rule replayed over stored history counts notifications as the collector
/// will send them (one per alert key and cooldown), not lines.
@Suite struct AlertReplayTests: FixtureClock {

    let path = temporaryDatabase()

    /// api: two different errors that say "failed" (one of them three times in 4 minutes, again
    /// after 30) and one that does not; worker: a traceback that ends "failed"; events: exits with
    /// 0 and 3, an OOM kill, three starts, a deploy; the worker's memory near its limit twice.
    init() throws {
        let store = try CollectorStore(path: path)
        let apiInfo = container("a1", name: "api-1", service: "api"), workerInfo = container("w1", name: "worker-1", service: "worker")
        let api = try store.register(apiInfo, at: Self.t0)
        let worker = try store.register(workerInfo, at: Self.t0)
        var batch = WriteBatch()
        let lines: [(Int64, Int64, Level, String)] = [
            (api, 0, .error, "ERROR charge 7 failed: card declined"),
            (api, 2, .error, "ERROR charge 8 failed: card declined"),
            (api, 3, .error, "ERROR login failed: 'bob' is locked"),
            (api, 4, .error, "ERROR charge 9 failed: card declined"),
            (api, 5, .error, "ERROR request timed out"),
            (api, 34, .error, "ERROR charge 10 failed: card declined"),
            (worker, 1, .error, "Traceback (most recent call last):\n  File \"job.py\", line 3, in run\nRuntimeError: job failed"),
        ]
        for (row, minute, level, message) in lines {
            let time = Self.t0 + minute * Self.minute
            batch.append(row: row, stream: .stderr, records: [LogRecord(time: time, stream: .stderr, level: level, message: message)],
                         position: StreamPosition(time: time, countAtTime: 1))
        }
        batch.events = [
            (api, ContainerEvent(time: Self.t0 + 6 * Self.minute, action: "die", container: apiInfo, exitCode: 0)),
            (api, ContainerEvent(time: Self.t0 + 7 * Self.minute, action: "die", container: apiInfo, exitCode: 3)),
            (worker, ContainerEvent(time: Self.t0 + 8 * Self.minute, action: "oom", container: workerInfo)),
            (api, ContainerEvent(time: Self.t0 + 12 * Self.minute, action: "deploy", container: apiInfo,
                                 detail: "api:1 (3f2a1b2c3d4e) → api:2 (9c8d7e6f5a4b)")),
        ] + [9, 10, 11].map { (worker, ContainerEvent(time: Self.t0 + $0 * Self.minute, action: "start", container: workerInfo)) }
        try store.commit(batch, at: Self.t0 + 40 * Self.minute)
        // worker's memory against its 1 GB limit: half, 95 % at minutes 30-32 and 40-41.
        for minute: Int64 in 20..<50 {
            let full = (30...32).contains(minute) || (40...41).contains(minute)
            try store.samples.insert(MetricSample(time: Self.t0 + minute * Self.minute, values: [.mem: full ? 950e6 : 500e6, .cpu: 20],
                                                  memoryLimit: 1e9), row: worker)
        }
    }

    func replay(_ trigger: AlertRule.Trigger, services: [String] = [], cooldown: Int64 = AlertRule.defaultCooldown) throws -> AlertReplay {
        let db = try ReadOnlyDatabase(path: path)
        return try db.replay(AlertRule(name: "r", services: services, trigger: trigger, notify: ["x"], cooldown: cooldown),
                             since: Self.t0, until: Self.t0 + 60 * Self.minute)
    }

    @Test func repeatsOfOneErrorWithinTheCooldownAreOneNotificationWithTheirCount() throws {
        let failed = try replay(.match(pattern: "failed", level: nil, stream: nil), services: ["api"])
        // The charge error (minutes 0, 2, 4: one; 34: a new one after the cooldown) and the login error (minute 3).
        #expect(failed.firings.map(\.count) == [3, 1, 1])
        #expect(failed.firings.map { ($0.time - Self.t0) / Self.minute } == [0, 3, 34])
        #expect(failed.occurrences == 5)
        #expect(failed.firings[0].example == "ERROR charge 7 failed: card declined")
        // Every service: the worker's traceback is an alert of its own, shown by its first line.
        let everywhere = try replay(.match(pattern: "failed", level: nil, stream: nil))
        #expect(everywhere.firings.count == 4)
        #expect(everywhere.firings.first { $0.service == "worker" }?.example == "Traceback (most recent call last):")
        // A shorter cooldown: the charge errors at 0 and 2 are one notification, the one at 4 another.
        #expect(try replay(.match(pattern: "failed", level: nil, stream: nil), services: ["api"], cooldown: 3 * Self.minute)
            .firings.map(\.count) == [2, 1, 1, 1])
        // stdout has none of them.
        #expect(try replay(.match(pattern: "failed", level: nil, stream: .stdout)).firings.isEmpty)
    }

    @Test func eventsAreReplayedAsTheirRulesSay() throws {
        let dies = try replay(.event(.die(exitCodesIgnored: [0, 130, 143])))
        #expect(dies.firings.count == 1 && dies.firings[0].example.contains("exited with code 3"))
        #expect(try replay(.event(.oom)).firings.map(\.service) == ["worker"])
        let loop = try replay(.event(.restartLoop(count: 3, within: 5 * Self.minute)))
        #expect(loop.firings.count == 1 && loop.firings[0].time == Self.t0 + 11 * Self.minute)
        #expect(try replay(.event(.restartLoop(count: 4, within: 5 * Self.minute))).firings.isEmpty)
        #expect(try replay(.level(.error), services: ["api"]).occurrences == 6)
    }

    @Test func ratesAreReplayedMinuteByMinuteFromTheCounts() throws {
        // api's errors at minutes 0, 2, 3, 4, 5: four in the 5 minutes before minute 5, 6 and 7.
        let rate = try replay(.rate(.init(of: .errors, over: 5 * Self.minute, threshold: .count(3))))
        #expect(rate.firings.map(\.service) == ["api"] && rate.firings.first?.time == Self.t0 + 5 * Self.minute, "\(rate.firings)")
        #expect(rate.firings.first?.example == "4 errors in the 5 min before, above 3")
        // Held for 3 minutes it never is: back to 3 at minute 8.
        let held = try ReadOnlyDatabase(path: path).replay(
            AlertRule(name: "r", trigger: .rate(.init(of: .errors, over: 5 * Self.minute, threshold: .count(3))), notify: ["x"], holdFor: 3 * Self.minute),
            since: Self.t0, until: Self.t0 + 60 * Self.minute)
        #expect(held.firings.isEmpty)
        #expect(try replay(.rate(.init(of: .errors, over: 5 * Self.minute, threshold: .count(4)))).firings.isEmpty)
    }

    @Test func newSignaturesAreReplayedOncePerSignature() throws {
        let new = try replay(.newSignature(days: 7))
        // The charge error (4 times), the login error, the time-out, the worker's traceback.
        #expect(new.firings.count == 4 && new.occurrences == 4, "\(new.firings)")
        #expect(new.firings.map(\.example).sorted().first == "a new error: ERROR charge 7 failed: card declined")
    }

    /// The worker runs from its start at minute 9 and last wrote at minute 1: quiet for 10
    /// minutes at minute 12 (held 5 minutes more: 17). The api stopped at minute 6: a stopped
    /// service is not silent.
    @Test func silenceIsReplayedMinuteByMinute() throws {
        func firings(holdFor: Int64?) throws -> [String] {
            let db = try ReadOnlyDatabase(path: path)
            let rule = AlertRule(name: "quiet", services: [], trigger: .silence(10 * Self.minute), notify: ["x"], holdFor: holdFor)
            return try db.replay(rule, since: Self.t0, until: Self.t0 + 60 * Self.minute).firings
                .map { "\($0.service) \(($0.time - Self.t0) / Self.minute) \($0.count) \($0.example)" }
        }
        #expect(try firings(holdFor: nil) == ["worker 12 1 worker: no records for 10 min"])
        #expect(try firings(holdFor: 5 * Self.minute) == ["worker 17 1 worker: no records for 15 min"])
    }

    /// Memory above 90 % at minutes 30-32 and 40-41: two firings (10 minutes apart, the cooldown);
    /// held for 2 minutes, only the first lasted long enough.
    @Test func resourcesAreReplayedAtEachSample() throws {
        func firings(holdFor: Int64?) throws -> [String] {
            let db = try ReadOnlyDatabase(path: path)
            let rule = AlertRule(name: "full", services: ["worker"], trigger: .resource(.above(.mem, percent: 90)), notify: ["x"], holdFor: holdFor)
            return try db.replay(rule, since: Self.t0, until: Self.t0 + 60 * Self.minute).firings
                .map { "\(($0.time - Self.t0) / Self.minute) \($0.example)" }
        }
        #expect(try firings(holdFor: nil) == ["30 worker-1: memory at 95% of its limit", "40 worker-1: memory at 95% of its limit"])
        #expect(try firings(holdFor: 2 * Self.minute) == ["32 worker-1: memory at 95% of its limit"])
        let cpu = try ReadOnlyDatabase(path: path).replay(
            AlertRule(name: "cpu", services: [], trigger: .resource(.above(.cpu, percent: 50)), notify: ["x"]), since: Self.t0, until: Self.t0 + 60 * Self.minute)
        #expect(cpu.firings.isEmpty)
    }

    @Test func deploysAreReplayed() throws {
        let deploys = try replay(.event(.deploy))
        #expect(deploys.firings.map { "\($0.service) \(($0.time - Self.t0) / Self.minute) \($0.example)" }
                == ["api 12 api-1 was deployed: api:1 (3f2a1b2c3d4e) → api:2 (9c8d7e6f5a4b)"])
    }
}
