import ACLogAlerts
import ACLogConfig
import ACLogDocker
import ACLogModel
import ACLogParsing
import ACLogSQLite
import ACLogStore
import Logging

/// `aclog collect`: wires Docker → parsing → the store, and shuts down cleanly when cancelled.
public struct Collector: Sendable {
    public let databasePath: String
    public let docker: DockerCLI
    public let logger: Logger
    public let parsing: ParsingConfiguration
    public let settings: CollectorSettings
    /// Sends the alerts' notifications, when there are rules.
    let notifier: Notifier?

    public init(
        databasePath: String, docker: DockerCLI, logger: Logger,
        parsing: ParsingConfiguration = ParsingConfiguration(), settings: CollectorSettings = CollectorSettings()
    ) {
        self.databasePath = databasePath
        self.docker = docker
        self.logger = logger
        self.parsing = parsing
        self.settings = settings
        notifier = settings.alerts.rules.isEmpty ? nil : Notifier(channels: settings.alerts.channels, logger: logger)
    }

    /// Opens the database and makes ready the alerts' state; throws before anything runs if it
    /// cannot be used.
    public func openWriter() async throws -> BatchWriter {
        let writer = try BatchWriter(path: databasePath, docker: docker.executable, logger: logger)
        if let notifier {
            var timing = AlertEngine.Timing()
            timing.groupWait = settings.alerts.groupWait
            try await writer.watchAlerts(rules: settings.alerts.rules, webURL: nil, timing: timing) { notifier.wake() }
        }
        return writer
    }

    /// Collects until the task is cancelled, then stops the followers, commits what they read and
    /// marks the run as stopped.
    public func run(writer: BatchWriter) async throws(StoreError) {
        let supervisor = FollowerSupervisor(
            follower: LogFollower(docker: docker), writer: writer, parsing: parsing, logger: logger)
        let images = ImageRecorder(reader: ContainerImageReader(docker: docker), writer: writer, logger: logger)
        let statsSampler = settings.statsEnabled
            ? StatsSampler(stats: StatsStream(docker: docker), limits: ContainerLimitReader(docker: docker), writer: writer, interval: settings.statsInterval, logger: logger)
            : nil
        let discovery = Discovery(
            lister: ContainerLister(docker: docker), events: EventStream(docker: docker),
            supervisor: supervisor, writer: writer, images: images, logger: logger,
            limitsChanged: { id in await statsSampler?.limitsChanged(containerID: id) })
        logger.info("collecting into \(databasePath)")
        try await writer.record(StoredSettings(retention: settings.retention, statsInterval: settings.statsEnabled ? settings.statsInterval : nil))

        // Wakes when a commit is due, 10 to 100 ms apart: a batch waits `maxDelay`, not a tick more,
        // and an idle collector wakes ten times a second.
        let ticker = Task {
            var wait: Int64 = 100_000_000
            while !Task.isCancelled {
                try? await Task.sleep(for: .nanoseconds(min(100_000_000, max(10_000_000, wait))))
                wait = await writer.flushIfDue()
            }
        }
        // Apart from the ticker: closing a record appends to the writer, which waits while the
        // database cannot be written, and the ticker's commits are what end that wait.
        let closer = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                await supervisor.closeIdleRecords(now: Timestamp.now())
            }
        }
        let sampler = statsSampler.map { statsSampler in Task { await statsSampler.run() } }
        let maintenance = Task { await maintain(writer) }
        let notifying = notifier.map { notifier in Task { await notifier.run(queue: writer) } }
        let imaging = Task { await images.run() }
        await discovery.run()
        images.finish()
        imaging.cancel()
        await imaging.value
        sampler?.cancel()
        await sampler?.value
        maintenance.cancel()
        await maintenance.value
        await supervisor.stopAll()
        closer.cancel()
        _ = await closer.value
        ticker.cancel()
        _ = await ticker.value
        notifying?.cancel()
        await notifying?.value
        try await writer.finish()
        let stored = await writer.committedRecords
        let held = await writer.longestHold
        logger.info("stopped; \(stored) records stored in this run; the writer was held \(held / 1_000_000) ms at most")
    }

    /// Retention every second (the size limit is checked that often), rollups every
    /// `maintenancePeriod`; steps follow each other closely while work waits.
    func maintain(_ writer: BatchWriter) async {
        var lastRollUp: Int64 = 0
        let period = Int64(settings.maintenancePeriod.components.seconds) * Timestamp.nanosPerSecond
        while !Task.isCancelled {
            var more = false
            let now = Timestamp.now()
            do {
                let rollUp = now - lastRollUp >= period
                if rollUp { lastRollUp = now }
                more = try await writer.maintain(now: now, policy: settings.retention, rollUp: rollUp)
            } catch {
                logger.error("cannot apply retention: \(error)")
            }
            try? await Task.sleep(for: more ? .milliseconds(20) : .seconds(1))
        }
    }
}

/// How the collector samples resources, and how long it keeps each kind of data.
public struct CollectorSettings: Sendable {
    public var statsEnabled = true
    /// One stored resource sample per container per interval (nanoseconds).
    public var statsInterval: Int64 = 10 * Timestamp.nanosPerSecond
    public var retention = RetentionPolicy()
    public var maintenancePeriod: Duration = .seconds(10)
    /// The rules judged on what is stored, and the channels they notify.
    public var alerts = AlertsConfiguration()

    public init() {}
}
