import ACLogDocker
import ACLogModel
import ACLogSQLite
import ACLogStore
import Logging

/// Finds containers: lists them with `docker ps -a`, then follows `docker events`. When the engine
/// goes away it says so once, retries with backoff (at most `maxBackoff` apart), and on its return
/// lists the containers again, so followers resume from their checkpoints.
struct Discovery: Sendable {
    let lister: ContainerLister
    let events: EventStream
    let supervisor: FollowerSupervisor
    let writer: BatchWriter
    let images: ImageRecorder
    let logger: Logger
    /// Told of `docker update`, which may have changed a container's CPU or memory limit.
    let limitsChanged: @Sendable (_ containerID: String) async -> Void
    var maxBackoff: Duration = .seconds(2)

    func run() async {
        var backoff: Duration = .milliseconds(250)
        var down = false
        let lastEvent = LastEventTime()
        while !Task.isCancelled {
            do {
                let listedAt = Timestamp.now()
                let containers = try await lister.list()
                if down {
                    logger.notice("docker engine is answering again; following \(containers.filter(\.isRunning).count) running containers")
                    down = false
                    try? await writer.noteEngine(downSince: nil)
                } else {
                    logger.info("following \(containers.filter(\.isRunning).count) running containers (\(containers.count) in all)")
                }
                do {
                    let gone = try await writer.closeContainersGone(listed: Set(containers.map(\.id)))
                    if !gone.isEmpty { logger.warning("removed while aclog was not running, their last lines are lost: \(gone.joined(separator: ", "))") }
                } catch {
                    logger.error("cannot record the containers removed while aclog was not running: \(error)")
                }
                await supervisor.reconcile(containers)
                images.seen(containers)
                let since = await lastEvent.value ?? listedAt
                let message = try await events.follow(since: since) { event in
                    await lastEvent.update(event.time)
                    await handle(event)
                }
                if Task.isCancelled { break }
                // An events stream that ran a while was healthy: reconnect quickly. One that ends
                // at once keeps backing off, so a broken CLI is not spawned in a tight loop.
                if Timestamp.now() - listedAt > 5 * Timestamp.nanosPerSecond { backoff = .milliseconds(250) }
                logger.warning("docker events ended\(message.map { " (\($0))" } ?? ""); reconnecting")
            } catch {
                if Task.isCancelled { break }
                if !down {
                    logger.error("\(error); retrying every \(maxBackoff.components.seconds) s at most, collected records are kept")
                    down = true
                    try? await writer.noteEngine(downSince: Timestamp.now())
                }
            }
            do {
                try await Task.sleep(for: backoff)
            } catch {
                break
            }
            backoff = min(backoff * 2, maxBackoff)
        }
    }

    func handle(_ event: ContainerEvent) async {
        if event.action == "update" { await limitsChanged(event.container.id) }
        guard ContainerEvent.storedActions.contains(event.action) else { return }
        var container = event.container
        container.state = Self.state(after: event.action) ?? "unknown"
        do {
            let row = try await writer.register(container)
            await writer.append(event: event, row: row)
            if event.action == "create" || event.action == "start" { images.seen([container]) }
        } catch {
            logger.error("cannot record event \(event.action) of \(container.name): \(error)")
        }
        if event.action == "start" {
            await supervisor.containerStarted(container, at: event.time)
        }
    }

    static func state(after action: String) -> String? {
        switch action {
        case "create": "created"
        case "start", "restart", "unpause": "running"
        case "die": "exited"
        case "pause": "paused"
        case "destroy": "removed"
        default: nil
        }
    }
}

/// The time of the newest event seen, so that a reconnecting `docker events` misses nothing.
actor LastEventTime {
    private(set) var value: Int64?
    func update(_ time: Int64) { value = max(value ?? time, time) }
}
