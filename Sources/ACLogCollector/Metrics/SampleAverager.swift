import ACLogModel

/// Turns `docker stats` frames (about two a second) into one sample per container per interval:
/// CPU, memory and PIDs averaged over the frames inside it; network and block I/O as rates, from
/// Docker's running totals between the last frames of this interval and the previous one. Each
/// sample also says what its interval adds to the container's running totals: CPU seconds (each
/// frame's percentage over the time since the container's previous frame) and bytes (the growth
/// of Docker's counters).
public struct SampleAverager: Sendable {
    public let interval: Int64
    private var open: [String: Accumulator] = [:]
    private var lastCounters: [String: Counters] = [:]
    /// When each container's last frame came: the CPU time of a frame spans the time since then.
    private var lastFrame: [String: Int64] = [:]

    public init(interval: Int64) {
        precondition(interval > 0)
        self.interval = interval
    }

    /// A closed interval: the container (the short id docker stats prints) and its sample.
    public struct Closed: Sendable, Equatable {
        public var containerID: String
        public var sample: MetricSample
    }

    /// Adds one frame received at `time`; returns the intervals that ended before it.
    public mutating func add(_ frame: [ResourceSample], at time: Int64) -> [Closed] {
        let bucket = Timestamp.floor(time, to: interval)
        var closed: [Closed] = []
        for (id, accumulator) in open where accumulator.bucket < bucket {
            closed.append(close(id, accumulator))
        }
        for sample in frame where !sample.isEmpty {
            // A longer silence (stats restarted, the container paused) is not counted as busy or idle.
            let since = lastFrame[sample.containerID].flatMap { time > $0 && time - $0 <= interval ? time - $0 : nil }
            open[sample.containerID, default: Accumulator(bucket: bucket)].add(sample, at: time, since: since)
            lastFrame[sample.containerID] = time
        }
        return closed.sorted { ($0.sample.time, $0.containerID) < ($1.sample.time, $1.containerID) }
    }

    /// Closes every interval still open (at shutdown).
    public mutating func finish() -> [Closed] {
        let closed = open.map { close($0.key, $0.value) }
        return closed.sorted { $0.containerID < $1.containerID }
    }

    private mutating func close(_ id: String, _ accumulator: Accumulator) -> Closed {
        open[id] = nil
        var values = accumulator.averages()
        var increments: [Metric: Double] = [:]
        if let cpuSeconds = accumulator.cpuSeconds { increments[.cpu] = cpuSeconds }
        if let last = accumulator.last {
            let previous = lastCounters[id] ?? accumulator.first
            if let previous, last.time > previous.time {
                let seconds = Double(last.time - previous.time) / 1e9
                for (metric, bytes) in last.growth(since: previous) {
                    values[metric] = bytes / seconds
                    increments[metric] = bytes
                }
            }
            lastCounters[id] = last
        }
        let sample = MetricSample(time: accumulator.bucket, values: values, memoryLimit: accumulator.memoryLimit,
                                  increments: increments)
        return Closed(containerID: id, sample: sample)
    }


    /// Docker's running totals at one frame.
    struct Counters: Sendable {
        var time: Int64
        var values: [Metric: Int64]

        /// Bytes added since `previous`; none for a counter that went down (the container restarted).
        func growth(since previous: Counters) -> [Metric: Double] {
            var growth: [Metric: Double] = [:]
            for (metric, value) in values {
                guard let before = previous.values[metric], value >= before else { continue }
                growth[metric] = Double(value - before)
            }
            return growth
        }
    }

    struct Accumulator: Sendable {
        let bucket: Int64
        var sums: [Metric: Double] = [:]
        var counts: [Metric: Int] = [:]
        var memoryLimit: Double?
        var cpuSeconds: Double?
        var first: Counters?
        var last: Counters?

        init(bucket: Int64) {
            self.bucket = bucket
        }

        /// `since`: nanoseconds since the container's previous frame, when it is recent enough to count.
        mutating func add(_ sample: ResourceSample, at time: Int64, since: Int64?) {
            if let percent = sample.cpuPercent, let since {
                cpuSeconds = (cpuSeconds ?? 0) + percent / 100 * Double(since) / 1e9
            }
            for (metric, value) in [(Metric.cpu, sample.cpuPercent), (.mem, sample.memoryBytes.map(Double.init)),
                                    (.pids, sample.pids.map(Double.init))] {
                guard let value else { continue }
                sums[metric, default: 0] += value
                counts[metric, default: 0] += 1
            }
            if let limit = sample.memoryLimitBytes { memoryLimit = Double(limit) }
            var counters = Counters(time: time, values: [:])
            counters.values[.netRx] = sample.networkReceivedBytes
            counters.values[.netTx] = sample.networkSentBytes
            counters.values[.blockRead] = sample.blockReadBytes
            counters.values[.blockWrite] = sample.blockWrittenBytes
            if first == nil { first = counters }
            last = counters
        }

        func averages() -> [Metric: Double] {
            var result: [Metric: Double] = [:]
            for (metric, sum) in sums { result[metric] = sum / Double(counts[metric]!) }
            return result
        }
    }
}
