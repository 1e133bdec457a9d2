import ACLogQuery
import Synchronization

/// What only the running collector knows of itself, for `/metrics` in its own process: how many
/// containers' logs it reads now, and how long its commits take.
public final class CollectorTelemetry: Sendable {
    /// Upper bounds of the commit duration histogram, in seconds.
    public static let bounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct State {
        var reading = 0
        var buckets = Array(repeating: 0, count: CollectorTelemetry.bounds.count)
        var commits = 0
        var seconds = 0.0
    }

    private let state = Mutex(State())

    public init() {}

    func reading(_ containers: Int) {
        state.withLock { $0.reading = containers }
    }

    func committed(in seconds: Double) {
        state.withLock { state in
            for (i, bound) in Self.bounds.enumerated() where seconds <= bound { state.buckets[i] += 1 }
            state.commits += 1
            state.seconds += seconds
        }
    }

    public func families() -> [MetricFamily] {
        let state = state.withLock { $0 }
        return [
            MetricFamily("aclog_collector_streams_followed", .gauge, help: "Containers whose logs the collector reads now (followed, or read to their end).",
                         samples: [.init(labels: [], value: Double(state.reading))]),
            .histogram("aclog_collector_write_batch_duration_seconds", help: "Time each commit of a batch to the database took, in seconds.", unit: "seconds",
                       buckets: zip(Self.bounds, state.buckets).map { ($0, $1) }, sum: state.seconds, count: state.commits),
        ]
    }
}
