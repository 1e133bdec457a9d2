import ACLogDocker
import ACLogModel
import ACLogParsing
import ACLogSQLite
import ACLogStore
import Logging

/// Keeps one log follower per container: starts it when a container starts, starts it again when
/// the container restarts, and records as a gap a container whose logs could not be read.
actor FollowerSupervisor {
    private let follower: LogFollower
    private let writer: BatchWriter
    private let parsing: ParsingConfiguration
    private let logger: Logger
    private var running: [String: Task<Void, Never>] = [:] {
        didSet { writer.telemetry.reading(running.count) }
    }
    /// The pipelines of the followers reading now, by container id.
    private var pipelines: [String: ContainerPipeline] = [:]
    /// A start event arrived while the previous follower was still draining: follow again after it.
    private var restartPending: Set<String> = []
    /// Stopped containers whose logs were already read to the end in this run.
    private var caughtUp: Set<String> = []
    private var stopping = false

    init(follower: LogFollower, writer: BatchWriter, parsing: ParsingConfiguration, logger: Logger) {
        self.follower = follower
        self.writer = writer
        self.parsing = parsing
        self.logger = logger
    }

    /// Brings followers in line with a `docker ps -a` listing: every running container is followed,
    /// every stopped one is read to its end once.
    func reconcile(_ containers: [ContainerInfo]) async {
        for container in containers where !stopping {
            do {
                _ = try await writer.register(container)
            } catch {
                logger.error("cannot record container \(container.name): \(error)")
                continue
            }
            if container.isRunning {
                start(container, follow: true, startedAt: nil)
            } else if !caughtUp.contains(container.id) && running[container.id] == nil {
                start(container, follow: false, startedAt: nil)
            }
        }
    }

    /// A container (re)started: follow it, or follow it again once the old follower has drained.
    func containerStarted(_ container: ContainerInfo, at time: Int64) {
        guard !stopping else { return }
        if running[container.id] != nil {
            restartPending.insert(container.id)
        } else {
            start(container, follow: true, startedAt: time)
        }
    }

    private func start(_ container: ContainerInfo, follow: Bool, startedAt: Int64?) {
        guard running[container.id] == nil else { return }
        running[container.id] = Task { [weak self] in
            guard let self else { return }
            await self.followLoop(container, follow: follow, startedAt: startedAt)
        }
    }

    private func followLoop(_ container: ContainerInfo, follow: Bool, startedAt: Int64?) async {
        var follow = follow
        while !Task.isCancelled {
            let exit = await followOnce(container, follow: follow, startedAt: startedAt)
            if !restartPending.contains(container.id) {
                if !follow, exit?.succeeded == true { caughtUp.insert(container.id) }
                break
            }
            restartPending.remove(container.id)
            follow = true
        }
        running[container.id] = nil
    }

    private func followOnce(_ container: ContainerInfo, follow: Bool, startedAt: Int64?) async -> LogFollower.Exit? {
        do {
            let row = try await writer.register(container)
            let checkpoints = try await writer.positions(row: row)
            let pipeline = ContainerPipeline(
                row: row, builder: RecordBuilder(container: container, chooser: parsing.chooser, redactor: parsing.redactor),
                writer: writer, logger: logger, checkpoints: checkpoints, multiline: parsing.multiline)
            // Records still open close after the idle gap (`closeIdleRecords`), or when the read ends.
            pipelines[container.id] = pipeline
            defer { pipelines[container.id] = nil }
            if follow, let startedAt {
                let now = Timestamp.now()
                writer.openRecords.followerStarting(row: row, since: max(startedAt, now - OpenRecords.followedDelay), now: now)
            }
            let exit: LogFollower.Exit
            do {
                exit = try await follower.run(
                    containerID: container.id, since: ContainerPipeline.since(checkpoints), follow: follow
                ) { stream, lines in
                    await pipeline.accept(stream, lines)
                }
            } catch {
                // What was read goes to the writer before a next follower asks where to resume.
                await pipeline.finish()
                throw error
            }
            await pipeline.finish()
            // A follower that was stopped (aclog stopping, a signal) lost nothing: the next read
            // resumes at its checkpoint. Only one that failed is a gap.
            if !exit.succeeded && !exit.stopped && !Task.isCancelled && !stopping {
                // Unread: what came after the last stored line (all of it when none is stored).
                let lastStored = checkpoints.values.map(\.time).max()
                await reportUnreadable(container, row: row, exit: exit, from: startedAt ?? lastStored.map { $0 + 1 })
            } else if exit.succeeded && !follow && !Task.isCancelled {
                // Only a plain read is known to have reached the end of the log; a follow that
                // ends with the engine may not have.
                await writer.markComplete(row: row)
            }
            return exit
        } catch {
            logger.warning("cannot read logs of \(container.name): \(error)")
            return nil
        }
    }

    /// `docker logs` failed: a container that was removed before it could be read is a gap.
    private func reportUnreadable(_ container: ContainerInfo, row: Int64, exit: LogFollower.Exit, from start: Int64?) async {
        let message = exit.messages.first ?? "docker logs \(exit.status)"
        logger.warning("no logs from \(container.name) (\(container.id.prefix(12))): \(message)")
        let now = Timestamp.now()
        let gap = Gap(
            containerID: container.id, start: min(start ?? now, now), end: now,
            reason: "logs not readable: \(message)")
        await writer.append(gap: gap, row: row)
    }

    /// Closes the records that waited long enough for more lines, in the pipelines that have one. The
    /// collector's clock calls this: one wake-up for all followers, not one each.
    func closeIdleRecords(now: Int64) async {
        for pipeline in pipelines.values where pipeline.hasPending.load(ordering: .relaxed) {
            await pipeline.closeIdle(now: now)
        }
    }

    /// Stops every follower; each one's lines read so far reach the writer before this returns.
    func stopAll() async {
        stopping = true
        let tasks = Array(running.values)
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}
