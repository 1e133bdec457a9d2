import ACLogDocker
import ACLogModel
import ACLogSQLite
import ACLogStore
import Logging

/// Runs one `docker stats` for every container, averages its frames into one sample per
/// container per interval and hands them to the writer. A stats process that ends is started
/// again with backoff (at most `maxBackoff` apart).
actor StatsSampler {
    let stats: StatsStream
    let limits: ContainerLimitReader
    let writer: BatchWriter
    let logger: Logger
    var maxBackoff: Duration = .seconds(8)
    private var averager: SampleAverager
    /// Containers whose limits were read and recorded.
    private var inspected: Set<String> = []
    /// Whether a container's memory is limited, as inspect said: the limit `docker stats` shows for
    /// one that is not (or not known yet) is the host's memory, and is not kept.
    private var memoryLimited: [String: Bool] = [:]

    init(stats: StatsStream, limits: ContainerLimitReader, writer: BatchWriter, interval: Int64, logger: Logger) {
        self.stats = stats
        self.limits = limits
        self.writer = writer
        self.logger = logger
        averager = SampleAverager(interval: interval)
    }

    func run() async {
        var backoff: Duration = .milliseconds(500)
        // Said once per streak of failures: an engine that is down is Discovery's to report.
        var failing = false
        while !Task.isCancelled {
            let started = Timestamp.now()
            var problem: String?
            do {
                let message = try await stats.follow { samples, unreadable in
                    await self.receive(samples, unreadable: unreadable, at: Timestamp.now())
                }
                problem = "docker stats ended\(message.map { " (\($0))" } ?? ""); starting it again"
            } catch .notAnswering {
                problem = nil
                failing = true
            } catch {
                problem = "docker stats: \(error); starting it again"
            }
            if Task.isCancelled { break }
            if Timestamp.now() - started > 10 * Timestamp.nanosPerSecond {
                backoff = .milliseconds(500)
                failing = false
            }
            if let problem, !failing { logger.warning("\(problem)") }
            if problem != nil { failing = true }
            do {
                try await Task.sleep(for: backoff)
            } catch {
                break
            }
            backoff = min(backoff * 2, maxBackoff)
        }
        await writer.append(samples: averager.finish())
    }

    /// Reads the container's limits again before its next sample: `docker update` may have
    /// changed them.
    func limitsChanged(containerID: String) {
        inspected = inspected.filter { !containerID.hasPrefix($0) && !$0.hasPrefix(containerID) }
    }

    func receive(_ samples: [ResourceSample], unreadable: [String], at time: Int64) async {
        for line in unreadable {
            logger.warning("skipped a docker stats line that is not a sample: \(line.prefix(120))")
        }
        // Limits first: a container's first sample must not carry the host's memory as its limit.
        let new = samples.map(\.containerID).filter { !inspected.contains($0) }
        for (id, limits) in await limits.limits(of: new) {
            memoryLimited[id] = limits.memoryBytes != nil
            do {
                // A container Discovery has not registered yet is asked again with the next frame.
                if try await writer.setCPULimit(limits.cpuPercent, shortID: id) { inspected.insert(id) }
            } catch {
                logger.error("cannot record the CPU limit of \(id): \(error)")
                inspected.insert(id)
            }
        }
        var samples = samples
        for i in samples.indices where memoryLimited[samples[i].containerID] != true {
            samples[i].memoryLimitBytes = nil
        }
        let closed = averager.add(samples, at: time)
        if !closed.isEmpty { await writer.append(samples: closed) }
    }
}
