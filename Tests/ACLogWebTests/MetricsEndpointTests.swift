import ACLogModel
import ACLogQuery
import ACLogSQLite
import ACLogStore
import ACLogTestSupport
@testable import ACLogWeb
import Testing

/// `/metrics` asked as Prometheus asks it, over a database written by the collector's store: the
/// counters are what was stored, they never go down, and only running containers have series.
@Suite struct MetricsEndpointTests {
    static let second = Timestamp.nanosPerSecond
    let path = temporaryDatabase()
    let t0 = Timestamp.now() - 600 * Timestamp.nanosPerSecond

    func scrape(_ accept: String? = nil, metricsOnly: Bool = false, target: String = "/metrics") async -> (status: Int, type: String, body: String) {
        let app = WebApp(databasePath: path, metricsOnly: metricsOnly)
        defer { Task { await app.shutdown() } }
        let response = await app.respond(WebRequest(target: target, headers: accept.map { ["accept": $0] } ?? [:]))
        return (response.status, response.contentType, String(decoding: response.body, as: UTF8.self))
    }

    /// Sample lines by their name and labels as written, e.g. `aclog_http_responses_total{service="api",code="5xx"}`.
    static func samples(_ body: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for line in body.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            result[String(line[..<space])] = value
        }
        return result
    }

    static func labels(_ name: String, _ service: String, project: String? = nil) -> String {
        "{name=\"\(name)\",image=\"img\",container_label_com_docker_compose_service=\"\(project == nil ? "" : service)\","
            + "container_label_com_docker_compose_project=\"\(project ?? "")\",service=\"\(service)\"}"
    }

    func record(_ row: Int64, _ i: Int, level: Level, status: Int? = nil, stream: LogStream = .stdout) -> (Int64, LogRecord) {
        (row, LogRecord(time: t0 + Int64(i) * Self.second, stream: stream, level: level, message: "line \(i)", httpStatus: status))
    }

    func commit(_ store: CollectorStore, records: [(Int64, LogRecord)] = [], events: [(Int64, ContainerEvent)] = [],
                samples: [(Int64, MetricSample)] = []) throws {
        var batch = WriteBatch()
        for (row, record) in records {
            batch.append(row: row, stream: record.stream, records: [record], position: StreamPosition(time: record.time, countAtTime: 1))
        }
        batch.events = events
        batch.samples = samples
        try store.commit(batch, at: t0 + 3_600 * Self.second)
    }

    @Test func replicasAreSummedPerServiceAndEachContainerHasItsCAdvisorSeries() async throws {
        let store = try CollectorStore(path: path)
        let api1 = ContainerInfo(id: "a1" + String(repeating: "0", count: 62), name: "demo-api-1", image: "img", composeService: "api", composeProject: "demo", state: "running")
        let api2 = ContainerInfo(id: "a2" + String(repeating: "0", count: 62), name: "demo-api-2", image: "img", composeService: "api", composeProject: "demo", state: "running")
        let r1 = try store.register(api1, at: t0)
        let r2 = try store.register(api2, at: t0)
        try store.setCPULimit(50, row: r1)
        try commit(store, records: [record(r1, 0, level: .info, status: 200), record(r1, 1, level: .error, status: 503),
                                    record(r2, 2, level: .info, status: 201), record(r2, 3, level: .warn, stream: .stderr),
                                    record(r2, 4, level: .error, status: 500)],
                   samples: [(r1, MetricSample(time: t0, values: [.mem: 100_000_000, .pids: 4], memoryLimit: 268_435_456,
                                               increments: [.cpu: 2.5, .netRx: 1_000, .netTx: 2_000, .blockRead: 4_096, .blockWrite: 8_192])),
                             (r2, MetricSample(time: t0, values: [.mem: 50_000_000, .pids: 2], increments: [.cpu: 1]))])
        // The next interval adds to the totals; the newest sample gives the gauges.
        try commit(store, samples: [(r1, MetricSample(time: t0 + 10 * Self.second, values: [.mem: 120_000_000, .pids: 5], memoryLimit: 268_435_456,
                                                      increments: [.cpu: 5, .netRx: 500]))])
        let (status, type, body) = await scrape()
        #expect(status == 200 && type == "text/plain; version=0.0.4; charset=utf-8")
        let s = Self.samples(body)
        let one = Self.labels("demo-api-1", "api", project: "demo")
        let two = Self.labels("demo-api-2", "api", project: "demo")
        #expect(s["container_cpu_usage_seconds_total" + one] == 7.5)
        #expect(s["container_cpu_usage_seconds_total" + two] == 1)
        #expect(s["container_memory_usage_bytes" + one] == 120_000_000)
        #expect(s["container_memory_working_set_bytes" + one] == 120_000_000)
        #expect(s["container_spec_memory_limit_bytes" + one] == 268_435_456)
        #expect(s["container_spec_memory_limit_bytes" + two] == 0)
        #expect(s["container_spec_cpu_quota" + one] == 50_000 && s["container_spec_cpu_period" + one] == 100_000)
        #expect(s["container_spec_cpu_quota" + two] == nil)
        #expect(s["container_network_receive_bytes_total" + one] == 1_500 && s["container_network_transmit_bytes_total" + one] == 2_000)
        #expect(s["container_fs_reads_bytes_total" + one] == 4_096 && s["container_fs_writes_bytes_total" + one] == 8_192)
        #expect(s["container_processes" + one] == 5)
        #expect(s["aclog_log_records_total{service=\"api\",stream=\"stdout\",level=\"info\"}"] == 2)
        #expect(s["aclog_log_records_total{service=\"api\",stream=\"stdout\",level=\"error\"}"] == 2)
        #expect(s["aclog_log_records_total{service=\"api\",stream=\"stderr\",level=\"warn\"}"] == 1)
        #expect(s["aclog_http_responses_total{service=\"api\",code=\"2xx\"}"] == 2)
        #expect(s["aclog_http_responses_total{service=\"api\",code=\"5xx\"}"] == 2)
        #expect(s["aclog_http_responses_total{service=\"api\",code=\"4xx\"}"] == nil)
        #expect(body.contains("# TYPE container_cpu_usage_seconds_total counter\n"))
        #expect(!body.contains("# EOF"))
    }

    @Test func countersNeverGoDownWhenRetentionDeletesRecordsOrAContainerStops() async throws {
        let store = try CollectorStore(path: path)
        let web = try store.register(container("w1", name: "web-1", service: "web"), at: t0)
        try commit(store, records: (0..<10).map { record(web, $0, level: $0 < 3 ? .error : .info, status: $0 < 3 ? 502 : 200) },
                   samples: [(web, MetricSample(time: t0, values: [.mem: 1], increments: [.cpu: 3]))])
        let before = Self.samples(await scrape().body)
        // Retention deletes every record; the container exits.
        let pruned = try RecordPruner(db: store.db).pruneBatch(before: .max, maxRecords: 100)
        #expect(pruned.removed == 10)
        var exited = container("w1", name: "web-1", service: "web")
        exited.state = "exited"
        try store.register(exited, at: t0 + 60 * Self.second)
        let after = Self.samples(await scrape().body)
        #expect(before["aclog_log_records_total{service=\"web\",stream=\"stdout\",level=\"error\"}"] == 3)
        #expect(after["aclog_log_records_total{service=\"web\",stream=\"stdout\",level=\"error\"}"] == 3)
        #expect(after["aclog_log_records_total{service=\"web\",stream=\"stdout\",level=\"info\"}"] == 7)
        #expect(after["aclog_http_responses_total{service=\"web\",code=\"5xx\"}"] == 3)
        #expect(after["aclog_records_pruned_total"] == 10 && before["aclog_records_pruned_total"] == 0)
        // A stopped container's series end (label sets stay those of live containers).
        #expect(before["container_cpu_usage_seconds_total" + Self.labels("web-1", "web")] == 3)
        #expect(!after.keys.contains { $0.hasPrefix("container_") }, "\(after.keys.sorted())")
    }

    @Test func restartsAndOOMKillsCountEventsStoredOnceOnly() async throws {
        let store = try CollectorStore(path: path)
        let info = container("c1", name: "worker-1", service: "worker")
        let row = try store.register(info, at: t0)
        let history = [("start", 0), ("oom", 5), ("die", 6), ("start", 7), ("die", 20), ("start", 21)].map { action, s in
            (row, ContainerEvent(time: t0 + Int64(s) * Self.second, action: action, container: info))
        }
        try commit(store, events: history)
        // A collector started again reads the same events from Docker: stored once, counted once.
        try commit(store, events: history)
        let s = Self.samples(await scrape().body)
        #expect(s["aclog_container_restarts_total{service=\"worker\"}"] == 2)
        #expect(s["aclog_container_oom_kills_total{service=\"worker\"}"] == 1)
        #expect(s["container_oom_events_total" + Self.labels("worker-1", "worker")] == 1)
        #expect(s["container_start_time_seconds" + Self.labels("worker-1", "worker")] == Double((t0 + 21 * Self.second) / Self.second))
    }

    @Test func hostileNamesAreEscapedNotInjected() async throws {
        let store = try CollectorStore(path: path)
        let name = "evil\"} 1\nfake_metric{a=\"b\\"
        let row = try store.register(ContainerInfo(id: "e1" + String(repeating: "0", count: 62), name: name, image: "img", state: "running"), at: t0)
        try commit(store, records: [record(row, 0, level: .info)])
        let body = await scrape().body
        #expect(body.contains("aclog_log_records_total{service=\"evil\\\"} 1\\nfake_metric{a=\\\"b\\\\\",stream=\"stdout\",level=\"info\"} 1\n"), "\(body)")
        #expect(!body.split(separator: "\n").contains { $0.hasPrefix("fake_metric") })
    }

    @Test func openMetricsWhenTheScraperAsksForIt() async throws {
        let store = try CollectorStore(path: path)
        let row = try store.register(container("o1", name: "om-1", service: "om"), at: t0)
        try commit(store, records: [record(row, 0, level: .info)], samples: [(row, MetricSample(time: t0, values: [.mem: 1], increments: [.cpu: 1]))])
        let (_, type, body) = await scrape("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
        #expect(type == "application/openmetrics-text; version=1.0.0; charset=utf-8")
        #expect(body.contains("# TYPE container_cpu_usage_seconds counter\n# UNIT container_cpu_usage_seconds seconds\n"))
        #expect(body.contains("\ncontainer_cpu_usage_seconds_total{name=\"om-1\""))
        #expect(body.hasSuffix("\n# EOF\n"))
    }

    @Test func aMetricsOnlyAddressServesNothingElse() async throws {
        _ = try CollectorStore(path: path)
        #expect(await scrape(metricsOnly: true).status == 200)
        #expect(await scrape(metricsOnly: true, target: "/").status == 404)
        #expect(await scrape(metricsOnly: true, target: "/api/records").status == 404)
        #expect(await scrape(target: "/").status == 200)
    }
}
