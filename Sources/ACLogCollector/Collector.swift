import ACLogDocker
import ACLogModel
import ACLogParsing
import ACLogStore
import Logging

/// `aclog collect`: wires Docker → parsing → the store, and shuts down cleanly when cancelled.
public struct Collector: Sendable {
    public let databasePath: String
    public let docker: DockerCLI
    public let logger: Logger
    public let parsing: ParsingConfiguration
    public let sampling: SamplingSettings

    public init(
        databasePath: String, docker: DockerCLI, logger: Logger,
        parsing: ParsingConfiguration = ParsingConfiguration(), sampling: SamplingSettings = SamplingSettings()
    ) {
        self.databasePath = databasePath
        self.docker = docker
        self.logger = logger
        self.parsing = parsing
        self.sampling = sampling
    }

    /// Opens the database; throws before anything runs if it cannot be used.
    public func openWriter() throws(StoreError) -> BatchWriter {
        try BatchWriter(path: databasePath, docker: docker.executable)
    }

    /// Collects until the task is cancelled, then stops the followers, commits what they read and
    /// marks the run as stopped.
    public func run(writer: BatchWriter) async throws(StoreError) {
        let supervisor = FollowerSupervisor(
            follower: LogFollower(docker: docker), writer: writer, parsing: parsing, logger: logger)
        let discovery = Discovery(
            lister: ContainerLister(docker: docker), events: EventStream(docker: docker),
            supervisor: supervisor, writer: writer, logger: logger)
        logger.info("collecting into \(databasePath)")

        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                do {
                    try await writer.flushIfDue()
                } catch {
                    logger.error("cannot write to the database: \(error)")
                }
            }
        }
        let sampler = sampling.enabled
            ? Task { await StatsSampler(stats: StatsStream(docker: docker), writer: writer, interval: sampling.interval, logger: logger).run() }
            : nil
        let maintenance = Task { await maintainMetrics(writer) }
        await discovery.run()
        sampler?.cancel()
        await sampler?.value
        maintenance.cancel()
        await maintenance.value
        await supervisor.stopAll()
        ticker.cancel()
        _ = await ticker.value
        try await writer.finish()
        let stored = await writer.committedRecords
        logger.info("stopped; \(stored) records stored in this run")
    }

    /// Rollups and the metric tiers' retention: every `maintenancePeriod`, sooner while catching up.
    func maintainMetrics(_ writer: BatchWriter) async {
        while !Task.isCancelled {
            var caughtUp = true
            do {
                caughtUp = try await writer.maintainMetrics(now: Timestamp.now(), retention: sampling.retention)
            } catch {
                logger.error("cannot roll up resource samples: \(error)")
            }
            try? await Task.sleep(for: caughtUp ? sampling.maintenancePeriod : .milliseconds(50))
        }
    }
}

/// How the collector samples resources, and how long each tier keeps them.
public struct SamplingSettings: Sendable {
    public var enabled = true
    /// One stored sample per container per interval (nanoseconds).
    public var interval: Int64 = 10 * Timestamp.nanosPerSecond
    public var retention = MetricRetention()
    public var maintenancePeriod: Duration = .seconds(30)

    public init() {}
}
