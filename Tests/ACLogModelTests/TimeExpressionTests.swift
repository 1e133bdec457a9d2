@testable import ACLogModel
import Testing

@Suite struct TimeExpressionTests {
    let now = Timestamp.parseRFC3339("2026-11-26T12:34:56.5Z")!
    let second: Int64 = 1_000_000_000

    @Test(arguments: [("30s", 30), ("15m", 900), ("1h", 3_600), ("2d", 172_800), ("1w", 604_800), ("1h30m", 5_400), ("0s", 0)])
    func relativeDurationsCountBackFromNow(text: String, seconds: Int64) throws {
        #expect(try TimeExpression.parse(text, now: now) == now - seconds * second)
    }

    @Test func nowIsNow() throws {
        #expect(try TimeExpression.parse("now", now: now) == now)
    }

    @Test func todayAndYesterdayInUTC() throws {
        let midnight = Timestamp.parseRFC3339("2026-11-26T00:00:00Z")!
        #expect(try TimeExpression.parse("today", now: now, utc: true) == midnight)
        #expect(try TimeExpression.parse("yesterday", now: now, utc: true) == midnight - 86_400 * second)
    }

    @Test func rfc3339FormsAreAbsolute() throws {
        #expect(try TimeExpression.parse("2026-11-25T02:00:00Z", now: now) == Timestamp.parseRFC3339("2026-11-25T02:00:00Z"))
        let withOffset = try TimeExpression.parse("2026-11-25T10:00:00+08:00", now: now)
        #expect(withOffset == Timestamp.parseRFC3339("2026-11-25T02:00:00Z"))
        let nanos = try TimeExpression.parse("2026-11-25T02:00:00.123456789Z", now: now)
        #expect(nanos == Timestamp.parseRFC3339("2026-11-25T02:00:00Z")! + 123_456_789)
    }

    @Test func wallClockFormsInUTC() throws {
        let base = Timestamp.parseRFC3339("2026-11-25T00:00:00Z")!
        #expect(try TimeExpression.parse("2026-11-25", now: now, utc: true) == base)
        #expect(try TimeExpression.parse("2026-11-25 02:00", now: now, utc: true) == base + 7_200 * second)
        #expect(try TimeExpression.parse("2026-11-25 02:00:30", now: now, utc: true) == base + 7_230 * second)
        #expect(try TimeExpression.parse("2026-11-25T02:00:30.25", now: now, utc: true) == base + 7_230 * second + 250_000_000)
    }

    @Test func wallClockFormsUseTheLocalZone() throws {
        // The difference between local and UTC readings is the zone's offset, whatever TZ is.
        let local = try TimeExpression.parse("2026-11-25 02:00", now: now)
        let utc = try TimeExpression.parse("2026-11-25 02:00", now: now, utc: true)
        #expect(abs(local - utc) <= 14 * 3_600 * second)
        #expect(Timestamp.display(local, utc: false).hasPrefix("2026-11-25 02:00:00"))
    }

    /// journalctl's forms, accepted by every --since and --until.
    @Test(arguments: [("1 hour ago", -3_600), ("2 days 3 hours ago", -183_600), ("90 seconds ago", -90), ("1h ago", -3_600),
                      ("-1h", -3_600), ("+30m", 1_800), ("-1h30m", -5_400)])
    func journalctlsRelativeForms(text: String, seconds: Int64) throws {
        #expect(try TimeExpression.parse(text, now: now) == now + seconds * second)
    }

    @Test func aTimeOfTodayAndTomorrowInUTC() throws {
        let midnight = Timestamp.parseRFC3339("2026-11-26T00:00:00Z")!
        #expect(try TimeExpression.parse("08:55", now: now, utc: true) == midnight + (8 * 3_600 + 55 * 60) * second)
        #expect(try TimeExpression.parse("23:59:30", now: now, utc: true) == midnight + (23 * 3_600 + 59 * 60 + 30) * second)
        #expect(try TimeExpression.parse("tomorrow", now: now, utc: true) == midnight + 86_400 * second)
    }

    @Test(arguments: ["5x", "", "h", "1h2", "--1h", "2026-13-01", "2026-11-25 25:00", "yesterdays", "1.5h", "2026-11-25 02",
                      "1 hour", "hour ago", "1 fortnight ago", "25:00", "8:5", "ago"])
    func invalidTimesNameTheValue(text: String) {
        #expect(throws: TimeExpression.InvalidTime(text: text)) { try TimeExpression.parse(text, now: now) }
        #expect(TimeExpression.InvalidTime(text: text).description.contains("'\(text)'"))
    }
}

@Suite struct TimestampTests {
    @Test func formatsAsDockerDoes() {
        let t = Timestamp.parseRFC3339("2026-11-26T17:43:33.797250525Z")!
        #expect(Timestamp.rfc3339(t) == "2026-11-26T17:43:33.797250525Z")
        #expect(Timestamp.rfc3339(0) == "1970-01-01T00:00:00.000000000Z")
        #expect(Timestamp.rfc3339(-1) == "1969-12-31T23:59:59.999999999Z")
    }

    @Test func civilDatesRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = Timestamp.civil(days: days)
            #expect(Timestamp.days(year: y, month: m, day: d) == days)
        }
        #expect(Timestamp.days(year: 2000, month: 3, day: 1) - Timestamp.days(year: 2000, month: 2, day: 28) == 2)
    }

    @Test func parsesShortFractionsAndRejectsJunk() {
        #expect(Timestamp.parseRFC3339("2026-11-26T17:43:33.80528438Z") == Timestamp.parseRFC3339("2026-11-26T17:43:33.805284380Z"))
        #expect(Timestamp.parseRFC3339("2026-11-26T17:43:33Z ") == nil)
        #expect(Timestamp.parseRFC3339("2026-11-26 17:43:33") == nil)
    }
}

@Suite struct ResumeFilterTests {
    @Test func dropsWhatTheCheckpointCovers() {
        var filter = ResumeFilter(checkpoint: StreamPosition(time: 100, countAtTime: 2))
        let admitted = [90, 100, 100, 100, 101].map { filter.admits(Int64($0)) }
        #expect(admitted == [false, false, false, true, true])
    }

    @Test func admitsEverythingWithoutACheckpoint() {
        var filter = ResumeFilter(checkpoint: nil)
        #expect([1, 1, 0].allSatisfy { filter.admits(Int64($0)) })
    }

    @Test func positionCountsLinesAtTheSameTime() {
        var p = StreamPosition(time: 5, countAtTime: 1)
        p.advance(to: 5)
        #expect(p == StreamPosition(time: 5, countAtTime: 2))
        p.advance(to: 7)
        #expect(p == StreamPosition(time: 7, countAtTime: 1))
    }
}

@Suite struct TimestampRangeTests {
    @Test func yearsAnInt64CannotHoldAreNotTimes() {
        #expect(Timestamp.parseRFC3339("9999-01-01T00:00:00Z") == nil)
        #expect(Timestamp.parseRFC3339("1000-01-01T00:00:00Z") == nil)
        #expect(Timestamp.parseRFC3339("2262-01-01T00:00:00Z") != nil)
        #expect(Timestamp.parseRFC3339("1700-01-01T00:00:00Z") != nil)
        #expect(throws: TimeExpression.InvalidTime.self) { try TimeExpression.parse("9999-12-31T23:59:59Z") }
    }
}

@Suite struct ResumeFilterLossTests {
    @Test func theLastStoredLineComingAgainMeansNothingWasLost() {
        var filter = ResumeFilter(checkpoint: StreamPosition(time: 100, countAtTime: 2))
        let admitted = [90, 100, 100, 101, 102].map { filter.admits(Int64($0)) }
        #expect(admitted == [false, false, false, true, true])
        #expect(filter.missing == nil)
    }

    @Test func aFirstLineLaterThanTheCheckpointMarksAPossibleLoss() {
        var filter = ResumeFilter(checkpoint: StreamPosition(time: 100, countAtTime: 1))
        let admitted = [90, 105, 106].map { filter.admits(Int64($0)) }
        #expect(admitted == [false, true, true])
        #expect(filter.missing?.start == 100 && filter.missing?.end == 105)
    }

    @Test func aCheckpointWithoutLinesNeverDoes() {
        // A silent stream's checkpoint (count 0) has no line of its own to come again.
        var filter = ResumeFilter(checkpoint: StreamPosition(time: 100, countAtTime: 0))
        let admitted150 = filter.admits(150)
        #expect(admitted150 && filter.missing == nil)
        var none = ResumeFilter(checkpoint: nil)
        let admitted = none.admits(1)
        #expect(admitted && none.missing == nil)
    }
}
