import ACLogModel
import ACLogSQLite

/// What `/metrics` says of one database: the running containers under cAdvisor's metric names
/// and labels (so dashboards and alert rules written for cAdvisor work), what only aclog knows
/// (records by level, HTTP responses by status class, restarts) and the store's health. Reads a
/// handful of small tables and one row per running container; never the records.
///
/// Where Docker's figures differ from cAdvisor's: `docker stats` reports memory without the
/// inactive file cache, so `container_memory_usage_bytes` and `container_memory_working_set_bytes`
/// are both that figure; network and block I/O are the container's totals over every interface
/// and device (no `interface` or `device` label); CPU, network and block I/O counters are summed
/// by aclog from `docker stats` since the container was first sampled, and grow each sampling
/// interval (10 s by default).
public struct HostMetrics: Sendable {
    public var families: [MetricFamily]

    /// The CFS period `container_spec_cpu_quota` is given in, as cAdvisor reports it (100 ms in µs).
    public static let cpuPeriodMicroseconds = 100_000.0
}

extension ReadOnlyDatabase {
    public func hostMetrics(now: Int64 = Timestamp.now()) throws(StoreError) -> HostMetrics {
        var families = try containerFamilies()
        families += try serviceFamilies()
        families += try storeFamilies(now: now)
        families += try exportFamilies()
        return HostMetrics(families: families)
    }

    /// The OTLP export to each endpoint: records sent, refused, lost to retention, still to send.
    private func exportFamilies() throws(StoreError) -> [MetricFamily] {
        let states = try exportStates()
        func family(_ name: String, _ kind: MetricFamily.Kind, _ help: String, _ value: (ExportState) -> Int64) -> MetricFamily {
            MetricFamily(name, kind, help: help, samples: states.map { .init(labels: [("endpoint", $0.endpoint)], value: Double(value($0))) })
        }
        return [
            family("aclog_export_records_sent", .counter, "Records the OTLP receiver acknowledged.", \.sent),
            family("aclog_export_records_rejected", .counter, "Records the OTLP receiver refused (partial success, or a batch answered 400).", \.rejected),
            family("aclog_export_records_missed", .counter, "Records retention deleted before they were sent.", \.missed),
            family("aclog_export_backlog_records", .gauge, "Records stored and not yet acknowledged by the receiver.", \.behind),
        ]
    }

    private func containerFamilies() throws(StoreError) -> [MetricFamily] {
        var cpu = MetricFamily("container_cpu_usage_seconds", .counter, help: "Cumulative CPU time consumed, in seconds (from docker stats).", unit: "seconds")
        var usage = MetricFamily("container_memory_usage_bytes", .gauge, help: "Memory in use, in bytes, as docker stats reports it (without the inactive file cache).", unit: "bytes")
        var workingSet = MetricFamily("container_memory_working_set_bytes", .gauge, help: "Current working set, in bytes (docker stats' memory figure).", unit: "bytes")
        var memoryLimit = MetricFamily("container_spec_memory_limit_bytes", .gauge, help: "Memory limit of the container, in bytes (0: none).", unit: "bytes")
        var quota = MetricFamily("container_spec_cpu_quota", .gauge, help: "CPU quota of the container, in microseconds per container_spec_cpu_period (containers with a CPU limit only).")
        var period = MetricFamily("container_spec_cpu_period", .gauge, help: "CPU period of the container, in microseconds (containers with a CPU limit only).")
        var received = MetricFamily("container_network_receive_bytes", .counter, help: "Cumulative count of bytes received, every interface.", unit: "bytes")
        var sent = MetricFamily("container_network_transmit_bytes", .counter, help: "Cumulative count of bytes transmitted, every interface.", unit: "bytes")
        var reads = MetricFamily("container_fs_reads_bytes", .counter, help: "Cumulative count of bytes read, every device.", unit: "bytes")
        var writes = MetricFamily("container_fs_writes_bytes", .counter, help: "Cumulative count of bytes written, every device.", unit: "bytes")
        var processes = MetricFamily("container_processes", .gauge, help: "Number of processes running inside the container.")
        var ooms = MetricFamily("container_oom_events", .counter, help: "Count of out of memory events observed for the container.")
        var started = MetricFamily("container_start_time_seconds", .gauge, help: "Start time of the container since unix epoch in seconds.", unit: "seconds")

        let s = try db.prepare(NamedQuery.sql("prometheus_containers"))
        while try s.step() {
            let project = s.optionalText(2) ?? ""
            let labels: [(name: String, value: String)] = [
                ("name", s.text(0)), ("image", s.optionalText(3) ?? ""),
                ("container_label_com_docker_compose_service", project.isEmpty ? "" : s.text(1)),
                ("container_label_com_docker_compose_project", project), ("service", s.text(1)),
            ]
            func add(_ family: inout MetricFamily, _ value: Double?) {
                if let value { family.samples.append(.init(labels: labels, value: value)) }
            }
            add(&cpu, s.optionalDouble(8) ?? 0)
            add(&usage, s.optionalDouble(5))
            add(&workingSet, s.optionalDouble(5))
            add(&memoryLimit, s.isNull(5) ? nil : s.optionalDouble(6) ?? 0)
            if let limit = s.optionalDouble(4) {
                add(&quota, limit / 100 * HostMetrics.cpuPeriodMicroseconds)
                add(&period, HostMetrics.cpuPeriodMicroseconds)
            }
            add(&received, s.optionalDouble(9) ?? 0)
            add(&sent, s.optionalDouble(10) ?? 0)
            add(&reads, s.optionalDouble(11) ?? 0)
            add(&writes, s.optionalDouble(12) ?? 0)
            add(&processes, s.optionalDouble(7))
            add(&ooms, s.optionalDouble(13) ?? 0)
            add(&started, s.optionalDouble(15).map { ($0 / 1e9).rounded(.down) })
        }
        return [cpu, usage, workingSet, memoryLimit, quota, period, received, sent, reads, writes, processes, ooms, started]
    }

    private func serviceFamilies() throws(StoreError) -> [MetricFamily] {
        var records = MetricFamily("aclog_log_records", .counter, help: "Log records stored, by service, stream and level.")
        let r = try db.prepare(NamedQuery.sql("prometheus_records"))
        while try r.step() {
            let stream = LogStream(rawValue: Int(r.int64(1)))?.name ?? "\(r.int64(1))"
            let level = Level(rawValue: Int(r.int64(2)))?.name ?? "\(r.int64(2))"
            records.samples.append(.init(labels: [("service", r.text(0)), ("stream", stream), ("level", level)], value: r.double(3)))
        }
        var responses = MetricFamily("aclog_http_responses", .counter, help: "HTTP responses logged, by service and status class (2xx .. 5xx).")
        let h = try db.prepare(NamedQuery.sql("prometheus_responses"))
        while try h.step() {
            responses.samples.append(.init(labels: [("service", h.text(0)), ("code", "\(h.int64(1))xx")], value: h.double(2)))
        }
        var restarts = MetricFamily("aclog_container_restarts", .counter, help: "Restarts of a service's containers (a start after a die).")
        var ooms = MetricFamily("aclog_container_oom_kills", .counter, help: "OOM kills of a service's containers, gone ones included.")
        let c = try db.prepare(NamedQuery.sql("prometheus_restarts"))
        while try c.step() {
            restarts.samples.append(.init(labels: [("service", c.text(0))], value: c.double(1)))
            ooms.samples.append(.init(labels: [("service", c.text(0))], value: c.double(2)))
        }
        return [records, responses, restarts, ooms]
    }

    private func storeFamilies(now: Int64) throws(StoreError) -> [MetricFamily] {
        var counters: [String: Double] = [:]
        let s = try db.prepare(NamedQuery.sql("prometheus_store"))
        while try s.step() { counters[s.text(0)] = s.double(1) }
        func counter(_ counter: StoreCounter, _ name: String, _ help: String) -> MetricFamily {
            MetricFamily(name, .counter, help: help, samples: [.init(labels: [], value: counters[counter.rawValue] ?? 0)])
        }
        let state = try collectorState()
        var families = [
            MetricFamily("aclog_collector_up", .gauge, help: "1 while a collector writes this database, else 0.",
                         samples: [.init(labels: [], value: state.running ? 1 : 0)]),
            MetricFamily("aclog_database_bytes", .gauge, help: "Size of the database file with its write-ahead log, in bytes.", unit: "bytes",
                         samples: [.init(labels: [], value: Double(SQLiteConnection.onDiskSize(db.path)))]),
            counter(.recordsPruned, "aclog_records_pruned", "Log records deleted by retention or aclog prune."),
            counter(.gapsRecorded, "aclog_gaps_recorded", "Spans recorded in which log records may be missing."),
            counter(.notificationsFailed, "aclog_notifications_failed", "Alert notifications given up on after their retry span."),
        ]
        if state.running, let settled = state.settled {
            families.append(MetricFamily("aclog_collector_behind_seconds", .gauge,
                                         help: "How far behind now the collector's stored records are complete, in seconds.",
                                         unit: "seconds", samples: [.init(labels: [], value: max(0, Double(now - settled) / 1e9))]))
        }
        return families
    }
}
