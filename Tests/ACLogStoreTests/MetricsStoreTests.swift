import ACLogModel
@testable import ACLogQuery
@testable import ACLogSQLite
@testable import ACLogStore
import Foundation
import ACLogTestSupport
import Testing

@Suite struct MetricsStoreTests {
    static let second: Int64 = 1_000_000_000
    static let start: Int64 = 1_795_700_000 * second - (1_795_700_000 * second) % (3_600 * second)

    /// Two hours of 10 s samples with a known, irregular shape; returns the store and the values.
    static func filled() throws -> (CollectorStore, Int64, [(time: Int64, cpu: Double, mem: Double)]) {
        let store = try CollectorStore(path: temporaryDatabase())
        let row = try store.register(container("abc", name: "api-1", service: "api"), at: start)
        var written: [(Int64, Double, Double)] = []
        try store.db.transaction { () throws(StoreError) in
            for i in 0..<720 {
                let time = start + Int64(i) * 10 * second
                let cpu = Double((i * 37) % 101)              // scattered 0...100
                let mem = 100_000_000 + Double(i) * 50_000     // a steady leak
                try store.samples.insert(MetricSample(time: time, values: [.cpu: cpu, .mem: mem, .pids: 3], memoryLimit: 1e9), row: row)
                written.append((time, cpu, mem))
            }
        }
        return (store, row, written)
    }

    @Test func rollupsEqualADirectComputation() throws {
        let (store, row, written) = try Self.filled()
        #expect(try store.samples.rollUp(now: Self.start + 3 * 3_600 * Self.second, chunk: 365 * 86_400 * Self.second))
        let reader = try ReadOnlyDatabase(path: store.db.path)
        for tier in [MetricTier.minute, .hour] {
            let rows = try reader.metricRows(tier: tier, containers: [row], since: 0, until: .max)
            let span = tier.span!
            let groups = Dictionary(grouping: written) { $0.time - $0.time % span }
            #expect(rows.count == groups.count)
            for r in rows {
                let values = groups[r.time]!
                let expected = SpanSummary(values.map(\.cpu))!
                #expect(r.summaries[.cpu] == expected, "\(tier) \(r.time)")
                #expect(r.summaries[.mem]?.max == values.map(\.mem).max())
                #expect(r.samples == values.count)
                #expect(r.memoryLimit == 1e9)
                #expect(r.summaries[.netRx] == nil)
            }
        }
    }

    @Test func nearestRankPercentile() {
        #expect(SpanSummary(Array(1...100).map(Double.init))?.p95 == 95)
        #expect(SpanSummary(Array(1...20).map(Double.init))?.p95 == 19)
        #expect(SpanSummary([7])?.p95 == 7)
        #expect(SpanSummary([]) == nil)
    }

    @Test func catchUpIsChunkedAndResumes() throws {
        let (store, row, _) = try Self.filled()
        let now = Self.start + 3 * 3_600 * Self.second
        var calls = 0
        var done = false
        while !done && calls < 100 {
            done = try store.samples.rollUp(now: now, chunk: 15 * 60 * Self.second)
            calls += 1
        }
        #expect(done && calls >= 8, "\(calls) calls")
        let minutes = try store.db.scalarInt("SELECT count(*) FROM samples_1m WHERE container = \(row)")
        #expect(minutes == 120)
        #expect(try store.db.scalarInt("SELECT sum(samples) FROM samples_1h") == 720)
        // Once caught up, another pass changes nothing.
        #expect(try store.samples.rollUp(now: now))
        #expect(try store.db.scalarInt("SELECT count(*) FROM samples_1m") == 120)
    }

    @Test func retentionKeepsEachTierItsOwnTime() throws {
        let (store, _, _) = try Self.filled()
        let now = Self.start + 2 * 3_600 * Self.second
        try store.samples.rollUp(now: now, chunk: 86_400 * Self.second)
        var retention = MetricRetention()
        retention.raw = 30 * 60 * Self.second       // the last half hour of raw samples
        retention.minute = 90 * 60 * Self.second    // the last 90 minutes
        let removed = try store.samples.prune(now: now, retention: retention)
        #expect(removed[.raw] == 540 && removed[.minute] == 30 && removed[.hour] == 0)
        #expect(try store.db.scalarInt("SELECT count(*) FROM samples") == 180)
        #expect(try store.db.scalarInt("SELECT count(*) FROM samples_1h") == 2)
    }

    @Test func trendShowsTheLeakAndThePeak() throws {
        let (store, row, written) = try Self.filled()
        try store.samples.rollUp(now: Self.start + 3 * 3_600 * Self.second, chunk: 86_400 * Self.second)
        let reader = try ReadOnlyDatabase(path: store.db.path)
        let rows = try reader.metricRows(tier: .minute, containers: [row], since: 0, until: .max)
        let trends = Trend.build(rows: rows, tier: .minute, metrics: [.mem, .cpu], bucket: 600 * Self.second)
        let mem = try #require(trends.first { $0.metric == .mem })
        #expect(mem.points.count == 12)
        // 50 kB per 10 s is 432 MB per day; the line fits exactly.
        #expect(abs(mem.growthPerDay! - 432_000_000) < 1)
        #expect(mem.growthFit! > 0.999)
        #expect(mem.peak == written.map(\.mem).max())
        #expect(mem.limit == 1e9)
        let cpu = try #require(trends.first { $0.metric == .cpu })
        #expect(cpu.peak == 100 && cpu.limit == nil)
        #expect(cpu.points.allSatisfy { $0.samples == 60 })
    }

    /// Two replicas at once: the service's figures are their sums, said to be; per container on
    /// request. A container re-created later adds nothing to the count at once.
    @Test func replicasAreSummedAndSaySo() throws {
        let store = try CollectorStore(path: temporaryDatabase())
        let first = try store.register(container("r1", name: "api-1", service: "api"), at: Self.start)
        let second = try store.register(container("r2", name: "api-2", service: "api"), at: Self.start)
        let later = try store.register(container("r3", name: "api-3", service: "api"), at: Self.start)
        try store.setCPULimit(50, row: first)
        try store.setCPULimit(100, row: second)
        try store.db.transaction { () throws(StoreError) in
            for i in 0..<30 {
                let time = Self.start + Int64(i) * 10 * Self.second
                try store.samples.insert(MetricSample(time: time, values: [.cpu: 10, .mem: 100e6], memoryLimit: 1e9), row: first)
                try store.samples.insert(MetricSample(time: time, values: [.cpu: 30, .mem: 250e6], memoryLimit: 5e8), row: second)
                // api-3 runs after the two, alone.
                try store.samples.insert(MetricSample(time: time + 3_600 * Self.second, values: [.cpu: 5, .mem: 40e6], memoryLimit: nil), row: later)
            }
        }
        let reader = try ReadOnlyDatabase(path: store.db.path)
        let firstHalf = Self.start, secondHalf = Self.start + 3_600 * Self.second
        func trends(since: Int64, perContainer: Bool = false) throws -> [Trend] {
            try reader.trends(TrendQuestion(services: ["api"], metrics: [.cpu, .mem], since: since, until: since + 300 * Self.second,
                                            bucket: 30 * Self.second, perContainer: perContainer), now: since + 600 * Self.second)
        }
        let total = try trends(since: firstHalf)
        let memory = try #require(total.first { $0.metric == .mem })
        #expect(memory.containers == 2 && memory.scope == "total of 2 containers" && memory.container == nil)
        #expect(memory.points.allSatisfy { $0.summary.avg == 350e6 && $0.summary.max == 350e6 }, "\(memory.points)")
        #expect(memory.peak == 350e6 && memory.limit == 1.5e9)
        let cpu = try #require(total.first { $0.metric == .cpu })
        #expect(cpu.points.allSatisfy { $0.summary.avg == 40 } && cpu.limit == 150)

        let each = try trends(since: firstHalf, perContainer: true).filter { $0.metric == .mem }
        #expect(each.map(\.container) == ["api-1", "api-2"])
        #expect(each.map(\.peak) == [100e6, 250e6] && each.map(\.limit) == [1e9, 5e8])
        #expect(each.map(\.scope) == ["container api-1", "container api-2"])

        let alone = try #require(try trends(since: secondHalf).first { $0.metric == .mem })
        #expect(alone.containers == 1 && alone.scope == nil && alone.peak == 40e6 && alone.limit == nil)
    }

    @Test func tierAndBucketFitTheWindow() {
        let s = Self.second
        let r = MetricRetention()
        #expect(MetricTier.fitting(bucket: 10 * s, since: 0, now: 3_600 * s, retention: r) == .raw)
        #expect(MetricTier.fitting(bucket: 300 * s, since: 0, now: 86_400 * s, retention: r) == .minute)
        #expect(MetricTier.fitting(bucket: 3_600 * s, since: 0, now: 86_400 * s, retention: r) == .hour)
        // Older than raw samples are kept: the minute tier even for small buckets.
        #expect(MetricTier.fitting(bucket: 10 * s, since: 0, now: 8 * 86_400 * s, retention: r) == .minute)
        #expect(Trend.autoBucket(range: 3_600 * s) == 60 * s)
        #expect(Trend.autoBucket(range: 86_400 * s) == 3_600 * s)
        #expect(Trend.autoBucket(range: 7 * 86_400 * s) == 6 * 3_600 * s)
        #expect(Trend.autoBucket(range: 30 * 86_400 * s) == 86_400 * s)
    }
}
