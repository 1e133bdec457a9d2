import ACLogCollector
import ACLogDocker
import ACLogOTLP
import ACLogWeb
import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import Logging

struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Follow the logs of every container into the database until stopped.",
        discussion: """
            Lists the containers, follows 'docker events' to see them start, restart and go, and runs
            one 'docker logs --follow --timestamps' per running container, stdout and stderr apart,
            and one 'docker stats' for all of them: CPU, memory, network, block I/O and PIDs, one
            sample per container every 10 s, rolled up per minute and per hour.
            Each container's checkpoint is stored with its records, so after a restart of the
            collector, a container or the engine it resumes where it stopped: nothing Docker still
            has is lost, nothing is stored twice. SIGINT or SIGTERM stops it cleanly.

            Examples:
              aclog collect
              aclog collect --db /srv/aclog.db --docker /usr/bin/docker
              aclog collect --stats-interval 30s --keep-logs 14d --keep-samples 3d
              aclog collect --metrics 127.0.0.1:9323     # Prometheus scrapes /metrics
              aclog collect --otlp http://loki:3100/otlp   # every record, to Loki
              DOCKER_HOST=unix:///run/user/1000/docker.sock aclog collect
            """.asHelpParagraphs
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var configuration: ConfigOptions
    @OptionGroup(title: "Resource sampling") var sampling: SamplingOptions
    @OptionGroup(title: "Retention") var retention: RetentionOptions

    @Option(name: .long, help: ArgumentHelp("Also serve the web view of the database at HOST:PORT (as 'aclog serve --listen'), from this process.", valueName: "address"),
            transform: ListenAddress.argument)
    var serve: ListenAddress?

    @Option(name: .long, help: ArgumentHelp("Serve only Prometheus metrics, at http://HOST:PORT/metrics, from this process (the web view's /metrics has them too).", valueName: "address"),
            transform: ListenAddress.argument)
    var metrics: ListenAddress?

    @OptionGroup(title: "Who may see the web view and the metrics") var webAccess: WebAccessOptions

    @Option(name: .long, help: ArgumentHelp("Send every stored record to an OpenTelemetry log store over OTLP/HTTP at this base URL ('/v1/logs' is added), from where it stopped. Default: $OTEL_EXPORTER_OTLP_LOGS_ENDPOINT or $OTEL_EXPORTER_OTLP_ENDPOINT; headers from $OTEL_EXPORTER_OTLP_HEADERS.", valueName: "url"))
    var otlp: String?

    @Option(name: .long, help: ArgumentHelp("http/protobuf or http/json. Default: $OTEL_EXPORTER_OTLP_LOGS_PROTOCOL, else $OTEL_EXPORTER_OTLP_PROTOCOL, else http/protobuf.", valueName: "protocol"))
    var otlpProtocol: String?

    @Option(name: .long, help: ArgumentHelp("The docker client to run. Default: $ACLOG_DOCKER, else 'docker' on PATH. DOCKER_HOST is passed through.", valueName: "path"))
    var docker: String?

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["ACLOG_DEBUG"] != nil ? .debug : .info
            return handler
        }
        let logger = Logger(label: "aclog")
        let configuration = try self.configuration.load()
        var settings = CollectorSettings()
        try sampling.apply(to: &settings, configuration: configuration)
        settings.retention = try retention.policy(configuration: configuration)
        settings.alerts = configuration.alerts
        let otlpEndpoint: OTLPEndpoint?
        do {
            otlpEndpoint = try OTLPEndpoint.resolve(flag: otlp, protocolFlag: otlpProtocol, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandLineError(error.description)
        }
        let mark = CollectorMark.current(database: database.path)
        let cli = DockerCLI.resolve(explicit: docker, environment: ProcessInfo.processInfo.environment).marked(mark)
        do {
            _ = try await cli.output(["version", "--format", "{{.Server.Version}}"])
        } catch {
            throw CommandLineError(error)
        }
        let collector = Collector(databasePath: database.path, docker: cli, logger: logger,
                                  parsing: configuration.parsing, settings: settings)
        let writer: BatchWriter
        do {
            writer = try await collector.openWriter()
        } catch {
            throw CommandLineError(error)
        }
        // Caught from here on: a signal while the servers start is acted on once there is a
        // collector to stop. Before, one stops the process at once, as it would any command.
        TerminationSignals.shared.install()
        let telemetry = writer.telemetry
        let server: WebServer?
        if let serve {
            server = try await webAccess.start(databasePath: database.path, address: serve, processMetrics: telemetry.families)
        } else {
            server = nil
        }
        let metricsServer: WebServer?
        if let metrics {
            metricsServer = try await webAccess.start(databasePath: database.path, address: metrics, metricsOnly: true,
                                                      processMetrics: telemetry.families)
        } else {
            metricsServer = nil
        }
        if let link = configuration.alerts.link ?? server?.url {
            await writer.linkAlerts(to: link)
        }
        if let server {
            await writer.onCommit { server.app.stored() }
            logger.info("serving the web view at \(server.url)")
            Task { try? await server.run() }
        }
        if let metricsServer {
            logger.info("serving Prometheus metrics at \(metricsServer.url)metrics")
            Task { try? await metricsServer.run() }
        }
        let export = otlpEndpoint.map { endpoint in
            logger.info("sending every record to \(endpoint.url) (\(endpoint.encoding.rawValue)\(endpoint.gzip ? ", gzip" : ""))")
            let exporter = OTLPExporter(endpoint: endpoint, databasePath: database.path, cursors: writer, logger: logger)
            return Task { await exporter.run() }
        }
        let work = Task { try await collector.run(writer: writer) }
        // A signal that came while starting stops it now.
        TerminationSignals.shared.onStop {
            logger.info("stopping")
            export?.cancel()
            work.cancel()
            if let server { Task { await server.shutdown() } }
            if let metricsServer { Task { await metricsServer.shutdown() } }
        }
        // After the signal handlers: a SIGTERM while /proc is read must stop the collector cleanly.
        if let mark { guardChildren(mark, logger: logger) }
        do {
            try await work.value
        } catch {
            throw CommandLineError(error)
        }
    }

    /// Stops the docker processes an earlier collector of this file left running, and starts the
    /// guard that stops this one's if it is killed. Runs once this collector holds the database
    /// (its own docker processes, started meanwhile, carry a live mark and are left alone).
    func guardChildren(_ mark: CollectorMark, logger: Logger) {
        let leftovers = OrphanSweep.killLeftovers(of: mark.database)
        if !leftovers.isEmpty {
            logger.info("stopped \(leftovers.count) docker process\(leftovers.count == 1 ? "" : "es") an earlier collector left running")
        }
        do {
            try OrphanGuard.start(mark: mark)
        } catch {
            logger.warning("docker processes may outlive this collector if it is killed: \(error)")
        }
    }
}
