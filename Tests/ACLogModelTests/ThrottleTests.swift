import ACLogModel
import Testing

@Suite struct ThrottleTests {
    /// The first call passes, then none until the interval has gone by since the last pass.
    @Test func passesOncePerInterval() {
        var throttle = Throttle(every: 100)
        let passed = [0, 50, 99, 100, 150, 199, 200, 350].map { throttle.pass(now: $0) }
        #expect(passed == [true, false, false, true, false, false, true, true])
    }

    /// A clock that went back passes at once, rather than waiting for the old time to come again.
    @Test func aClockThatWentBackPasses() {
        var throttle = Throttle(every: 100)
        let passed = [1_000, 500, 550].map { throttle.pass(now: $0) }
        #expect(passed == [true, true, false])
    }
}
