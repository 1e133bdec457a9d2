@testable import ACLogCollector
import ACLogModel
import Testing

@Suite struct SampleAveragerTests {
    static let s: Int64 = 1_000_000_000
    static let t0: Int64 = 1_795_700_000 * s

    static func sample(_ id: String, cpu: Double?, mem: Int64?, rx: Int64? = nil) -> ResourceSample {
        ResourceSample(containerID: id, name: id, cpuPercent: cpu, memoryBytes: mem, memoryLimitBytes: 1_000,
                       networkReceivedBytes: rx, pids: mem == nil ? nil : 2)
    }

    @Test func framesInsideAnIntervalAreAveragedOnce() {
        var averager = SampleAverager(interval: 10 * Self.s)
        var closed: [SampleAverager.Closed] = []
        // Two frames a second for 25 s: intervals [t0, t0+10) and [t0+10, t0+20) close, the third stays open.
        for half in 0..<50 {
            let time = Self.t0 + Int64(half) * Self.s / 2
            closed += averager.add([Self.sample("a", cpu: Double(half % 20), mem: 100 + Int64(half), rx: Int64(half) * 1_000)], at: time)
        }
        #expect(closed.map(\.sample.time) == [Self.t0, Self.t0 + 10 * Self.s])
        let first = closed[0].sample
        #expect(first.values[.cpu] == 9.5)                    // 0...19 averaged
        #expect(first.values[.mem] == 109.5)                  // 100...119
        #expect(first.values[.pids] == 2)
        #expect(first.memoryLimit == 1_000)
        // 1,000 bytes every half second between the first and last frames: 2,000 B/s.
        #expect(first.values[.netRx] == 2_000)
        #expect(closed[1].sample.values[.netRx] == 2_000)
        let rest = averager.finish()
        #expect(rest.count == 1 && rest[0].sample.time == Self.t0 + 20 * Self.s)
    }

    @Test func stoppedContainersAndMissingValuesAreNotSamples() {
        var averager = SampleAverager(interval: 10 * Self.s)
        _ = averager.add([Self.sample("a", cpu: 5, mem: 10), Self.sample("b", cpu: nil, mem: nil)], at: Self.t0)
        let closed = averager.add([], at: Self.t0 + 10 * Self.s)
        #expect(closed.map(\.containerID) == ["a"])
        #expect(closed[0].sample.values[.netRx] == nil)       // one frame, no counter: no rate
    }

    @Test func aCounterThatGoesDownIsARestartNotANegativeRate() {
        var averager = SampleAverager(interval: 10 * Self.s)
        _ = averager.add([Self.sample("a", cpu: 1, mem: 1, rx: 50_000)], at: Self.t0)
        _ = averager.add([Self.sample("a", cpu: 1, mem: 1, rx: 60_000)], at: Self.t0 + 5 * Self.s)
        let afterRestart = averager.add([Self.sample("a", cpu: 1, mem: 1, rx: 10)], at: Self.t0 + 12 * Self.s)
        #expect(afterRestart.first?.sample.values[.netRx] == 2_000)
        let next = averager.add([], at: Self.t0 + 20 * Self.s)
        #expect(next.count == 1 && next[0].sample.values[.netRx] == nil)
    }
}

@Suite struct SampleIncrementTests {
    static let s = SampleAveragerTests.s
    static let t0 = SampleAveragerTests.t0

    @Test func cpuSecondsAreEachFramesPercentOverTheTimeSinceTheContainersLastFrame() {
        var averager = SampleAverager(interval: 10 * Self.s)
        var closed: [SampleAverager.Closed] = []
        // Docker's CLI prints each frame twice, 500 ms apart; a container at 50 % of a core for 30 s.
        for half in 0...60 {
            let time = Self.t0 + Int64(half) * Self.s / 2
            closed += averager.add([SampleAveragerTests.sample("a", cpu: 50, mem: 1, rx: Int64(half) * 100)], at: time)
            closed += averager.add([SampleAveragerTests.sample("a", cpu: 50, mem: 1, rx: Int64(half) * 100)], at: time + 1_000)
        }
        closed += averager.finish()
        let cpu = closed.compactMap { $0.sample.increments[.cpu] }
        // 15 CPU seconds over 30 s; the first frame has nothing before it to span.
        #expect(abs(cpu.reduce(0, +) - 15) < 0.01, "\(cpu)")
        #expect(abs(cpu[1] - 5) < 0.01, "\(cpu)")
        // Docker's counter grew 6,000 bytes from the first frame to the last: every byte once.
        #expect(closed.compactMap { $0.sample.increments[.netRx] }.reduce(0, +) == 6_000)
    }

    @Test func aSilenceLongerThanTheIntervalIsNotCounted() {
        var averager = SampleAverager(interval: 10 * Self.s)
        var closed = averager.add([SampleAveragerTests.sample("a", cpu: 100, mem: 1)], at: Self.t0)
        closed += averager.add([SampleAveragerTests.sample("a", cpu: 100, mem: 1)], at: Self.t0 + Self.s)
        // docker stats was restarted: 30 s without a frame.
        closed += averager.add([SampleAveragerTests.sample("a", cpu: 100, mem: 1)], at: Self.t0 + 31 * Self.s)
        closed += averager.add([SampleAveragerTests.sample("a", cpu: 100, mem: 1)], at: Self.t0 + 32 * Self.s)
        closed += averager.finish()
        // 1 s busy before the silence, 1 s after it; the 30 s between are not known.
        #expect(closed.map { $0.sample.increments[.cpu] } == [1, 1], "\(closed)")
    }
}
