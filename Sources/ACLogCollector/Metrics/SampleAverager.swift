import ACLogModel

/// Turns `docker stats` frames (about two a second) into one sample per container per interval:
/// CPU, memory and PIDs averaged over the frames inside it; network and block I/O as rates, from
/// Docker's running totals between the last frames of this interval and the previous one.
public struct SampleAverager: Sendable {
    public let interval: Int64
    private var open: [String: Accumulator] = [:]
    private var lastCounters: [String: Counters] = [:]

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
            open[sample.containerID, default: Accumulator(bucket: bucket)].add(sample, at: time)
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
        if let last = accumulator.last {
            let previous = lastCounters[id] ?? accumulator.first
            if let previous, last.time > previous.time {
                for (metric, rate) in last.rates(since: previous) { values[metric] = rate }
            }
            lastCounters[id] = last
        }
        let sample = MetricSample(time: accumulator.bucket, values: values, memoryLimit: accumulator.memoryLimit)
        return Closed(containerID: id, sample: sample)
    }


    /// Docker's running totals at one frame.
    struct Counters: Sendable {
        var time: Int64
        var values: [Metric: Int64]

        /// Bytes per second; none for a counter that went down (the container restarted).
        func rates(since previous: Counters) -> [Metric: Double] {
            let seconds = Double(time - previous.time) / 1e9
            var rates: [Metric: Double] = [:]
            for (metric, value) in values {
                guard let before = previous.values[metric], value >= before else { continue }
                rates[metric] = Double(value - before) / seconds
            }
            return rates
        }
    }

    struct Accumulator: Sendable {
        let bucket: Int64
        var sums: [Metric: Double] = [:]
        var counts: [Metric: Int] = [:]
        var memoryLimit: Double?
        var first: Counters?
        var last: Counters?

        init(bucket: Int64) {
            self.bucket = bucket
        }

        mutating func add(_ sample: ResourceSample, at time: Int64) {
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
