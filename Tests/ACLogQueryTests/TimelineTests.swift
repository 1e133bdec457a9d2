import ACLogModel
@testable import ACLogQuery
import ACLogStore
import ACLogTestSupport
import Testing

/// `aclog timeline` (issue 19) over a history written through the collector's store: every kind
/// of entry where it happened, in order, with what a person needs to judge it.
@Suite struct TimelineTests: FixtureClock {

    let path = temporaryDatabase()

    /// The day before: api logs one error an hour (its usual rate). Then, from t0: api is deployed
    /// at 2 min, bursts 40 errors a minute at 10-11 min with an error never seen before, crashes
    /// with code 3 at 12 min; it is stopped with docker stop (kill, then die 137) at 20 min. The
    /// worker grows to 95 % of its memory limit at 14 min and is OOM-killed at 15 min, starts 3
    /// times at 16-18 min, turns unhealthy at 19 min and healthy at 21 min (an alert fires and
    /// resolves a second after each). A gap at 25-26 min.
    init() throws {
        let store = try CollectorStore(path: path)
        try store.beginRun(at: Self.t0 - 25 * 60 * Self.minute, pid: 1, docker: "docker")
        let apiInfo = container("a1", name: "api-1", service: "api"), workerInfo = container("w1", name: "worker-1", service: "worker")
        let api = try store.register(apiInfo, at: Self.t0)
        let worker = try store.register(workerInfo, at: Self.t0)
        var batch = WriteBatch()
        func log(_ row: Int64, _ time: Int64, _ level: Level, _ message: String) {
            batch.append(row: row, stream: .stderr, records: [LogRecord(time: time, stream: .stderr, level: level, message: message)],
                         position: StreamPosition(time: time, countAtTime: 1))
        }
        for hour in 1...24 { log(api, Self.t0 - Int64(hour) * 60 * Self.minute, .error, "ERROR upstream timed out") }
        for minute in [10, 11] {
            for k in 0..<40 { log(api, Self.t0 + Int64(minute) * Self.minute + Int64(k) * Self.second, .error, "ERROR upstream timed out") }
        }
        log(api, Self.t0 + 10 * Self.minute + 30 * Self.second,
            .error, "Traceback (most recent call last):\n  File \"/app/pay.py\", line 9, in charge\nKeyError: 'card'")
        for k in 0..<5 { log(worker, Self.t0 + 15 * Self.minute - Int64(5 - k) * Self.second, .info, "worker line \(k)") }
        func event(_ row: Int64, _ info: ContainerInfo, _ minutes: Int64, _ action: String, exit: Int? = nil, detail: String? = nil) {
            batch.events.append((row, ContainerEvent(time: Self.t0 + minutes * Self.minute, action: action, container: info, exitCode: exit, detail: detail)))
        }
        event(api, apiInfo, 2, "deploy", detail: "api:1 (3f2a1b2c3d4e) → api:2 (9c8d7e6f5a4b)")
        event(api, apiInfo, 12, "die", exit: 3)
        event(worker, workerInfo, 15, "oom")
        event(worker, workerInfo, 15, "die", exit: 137)
        for m: Int64 in [16, 17, 18] { event(worker, workerInfo, m, "start") }
        event(worker, workerInfo, 19, "health_status", detail: "unhealthy")
        batch.events.append((api, ContainerEvent(time: Self.t0 + 20 * Self.minute - 10 * Self.second, action: "kill", container: apiInfo, detail: "signal 15")))
        event(api, apiInfo, 20, "die", exit: 137)
        event(worker, workerInfo, 21, "health_status", detail: "healthy")
        batch.gaps.append((worker, Gap(containerID: workerInfo.id, start: Self.t0 + 25 * Self.minute, end: Self.t0 + 26 * Self.minute, reason: "logs not readable")))
        try store.commit(batch, at: Self.t0 + 30 * Self.minute)
        // An alert told to two channels when the worker turned unhealthy, and its resolution.
        let (fired, resolved) = (Self.t0 + 19 * Self.minute + Self.second, Self.t0 + 21 * Self.minute + Self.second)
        try store.db.execute("""
            INSERT INTO alerts (id, rule, service, key, state, container, first_ts, last_ts, occurrences) VALUES (1, 'sick', 'worker', '', 'resolved', 'worker-1', \(fired), \(resolved), 1);
            INSERT INTO alert_notifications (alert, channel, state, made_ts, due_ts, time_ts, container, summary, count, records) VALUES
              (1, 'hook', 'firing', \(fired), \(fired), \(fired), 'worker-1', 'worker-1 is unhealthy', 1, '[]'),
              (1, 'phone', 'firing', \(fired), \(fired), \(fired), 'worker-1', 'worker-1 is unhealthy', 1, '[]'),
              (1, 'hook', 'resolved', \(resolved), \(resolved), \(resolved), 'worker-1', 'worker-1 is healthy again', 1, '[]');
            """)
        for k: Int64 in 0..<6 {
            let time = Self.t0 + 10 * Self.minute + k * Self.minute
            try store.samples.insert(MetricSample(time: time, values: [.cpu: 10, .mem: k == 4 ? 243 * 1_048_576 : 100 * 1_048_576],
                                                  memoryLimit: 256 * 1_048_576), row: worker)
        }
    }

    func timeline(_ services: [String] = [], detail: Bool = false) throws -> [TimelineEntry] {
        try ReadOnlyDatabase(path: path).timeline(TimelineQuestion(services: services, since: Self.t0, until: Self.t0 + 30 * Self.minute, detail: detail),
                                                  now: Self.t0 + 30 * Self.minute)
    }

    static func describe(_ entries: [TimelineEntry]) -> [String] {
        entries.map { "\(($0.time - t0) / second)s \($0.service ?? "all") \($0.kind.rawValue): \($0.summary)" }
    }

    @Test func everythingThatHappenedIsListedInOrder() throws {
        let actual = Self.describe(try timeline())
        #expect(actual == [
            "120s api deploy: api deployed: api:1 (3f2a1b2c3d4e) → api:2 (9c8d7e6f5a4b)",
            "600s api error_burst: error burst: 81 errors in 2 min (usually under 0.1 a minute)",
            "630s api new_error: new error: KeyError: <str> (at /app/pay.py in charge)",
            "720s api crashed: api-1 crashed: exited with code 3",
            "840s worker memory_peak: memory 243 MiB of its 256 MiB limit (95 %)",
            "900s worker oom: worker-1 was killed for lack of memory (OOM)",
            "900s worker crashed: worker-1 crashed: exited with code 137",
            "960s worker started: worker-1 started",
            "1020s worker started: worker-1 started",
            "1080s worker started: worker-1 started",
            "1080s worker restart_loop: restart loop: worker started 3 times within 2 min",
            "1140s worker unhealthy: worker-1 turned unhealthy",
            "1141s worker alert_fired: alert sick fired: worker-1 is unhealthy",
            "1200s api stopped: api-1 was stopped (signal 15 sent by Docker, exit code 137)",
            "1260s worker healthy: worker-1 is healthy again",
            "1261s worker alert_resolved: alert sick resolved: worker-1 is healthy again",
            "1500s worker gap: records may be missing: logs not readable",
        ], "\(actual.joined(separator: "\n"))")
    }

    /// A signature seen in the week before is not new ("ERROR upstream timed out", seen the day
    /// before, is not either): here the KeyError of another card, three days before.
    /// The api's KeyError of another card, `days` before t0.
    func addEarlierKeyError(daysBefore days: Int64) throws {
        let store = try CollectorStore(path: path)
        let api = try store.register(container("a1", name: "api-1", service: "api"), at: Self.t0)
        var batch = WriteBatch()
        let time = Self.t0 - days * 24 * 60 * Self.minute
        batch.append(row: api, stream: .stderr, records: [LogRecord(time: time, stream: .stderr, level: .error,
                     message: "Traceback (most recent call last):\n  File \"/app/pay.py\", line 7, in charge\nKeyError: 'account'")],
                     position: StreamPosition(time: time, countAtTime: 1))
        try store.commit(batch, at: Self.t0 + 30 * Self.minute)
    }

    @Test func aSignatureSeenInTheWeekBeforeIsNotNew() throws {
        try addEarlierKeyError(daysBefore: 3)
        let new = try timeline(["api"]).filter { $0.kind == .newError }.map(\.summary)
        #expect(new == [])
    }

    @Test func oneServiceAndTheDetailOfACrash() throws {
        let worker = try timeline(["worker"], detail: true)
        #expect(Set(worker.map(\.service)) == ["worker"])
        let oom = try #require(worker.first { $0.kind == .oom })
        let context = try #require(oom.context)
        #expect(context.lastLines.map(\.message) == (0..<5).map { "worker line \($0)" })
        #expect(context.memoryMax == 243 * 1_048_576 && context.memoryLimit == 256 * 1_048_576)
        #expect(oom.seeMore == "aclog tail worker --around 2025-11-25T10:15:00.000000000Z")
        #expect(oom.webLink == "/logs?service=worker&around=2025-11-25T10%3A15%3A00.000000000Z")
    }
}
