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

    public init(databasePath: String, docker: DockerCLI, logger: Logger, parsing: ParsingConfiguration = ParsingConfiguration()) {
        self.databasePath = databasePath
        self.docker = docker
        self.logger = logger
        self.parsing = parsing
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
        await discovery.run()
        await supervisor.stopAll()
        ticker.cancel()
        _ = await ticker.value
        try await writer.finish()
        let stored = await writer.committedRecords
        logger.info("stopped; \(stored) records stored in this run")
    }
}
