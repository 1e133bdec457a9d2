import ACLogModel
import ACLogQuery
@testable import ACLogWeb
import Testing

/// A URL's query string asks what the CLI's arguments ask, with the same words and errors.
@Suite struct WebQueryTests {
    let now: Int64 = 1_764_064_800 * Timestamp.nanosPerSecond

    func query(_ text: String) throws -> WebQuery {
        try WebQuery(WebRequest(target: "/logs?" + text), now: now)
    }

    @Test func readsTheCLIsWords() throws {
        let q = try query("service=backend,redis&since=1h&until=30m&level=warn&q=Traceback&field=http.status>%3D500&n=50&C=2&utc=1")
        #expect(q.services == ["backend", "redis"])
        #expect(q.window == TimeWindow(since: now - 3_600 * Timestamp.nanosPerSecond, until: now - 1_800 * Timestamp.nanosPerSecond))
        #expect(q.level == .warn && q.limit == 50 && q.context == 2 && q.utc)
        #expect(q.pattern?.mode == .text && q.pattern?.ignoreCase == true)
        #expect(q.fields == [try FieldFilter(parsing: "http.status>=500")])
    }

    @Test func aroundIsAWindowEachSideOfAMoment() throws {
        let q = try query("around=2025-11-25T10:00:00Z&window=2m")
        let moment = try TimeExpression.parse("2025-11-25T10:00:00Z")
        #expect(q.window == TimeWindow(since: moment - 120 * Timestamp.nanosPerSecond, until: moment + 120 * Timestamp.nanosPerSecond))
    }

    @Test func modesAreGrepsKinds() throws {
        #expect(try query("q=a.b&mode=fixed").pattern?.matches("xa.by") == true)
        #expect(try query("q=a.b&mode=fixed").pattern?.matches("axb") == false)
        #expect(try query("q=a.b&mode=regex").pattern?.matches("axb") == true)
        #expect(try query("q=A.B&mode=regex").pattern?.matches("axb") == false)
        #expect(try query("q=A.B&mode=regex&i=1").pattern?.matches("axb") == true)
    }

    @Test(arguments: [
        ("since=soon", "invalid time 'soon'"), ("level=loud", "invalid level 'loud'"), ("q=(&mode=regex", "invalid regular expression"),
        ("q=x&mode=glob", "invalid mode 'glob'"), ("field=a>>1", "invalid field filter 'a>>1'"), ("n=-1", "invalid n '-1'"),
        ("since=1h&until=2h", "since 1h is not before until 2h"),
        ("around=2025-11-25T10:00:00Z&window=0s", "invalid window '0s'"), ("around=2025-11-25T10:00:00Z&window=x", "invalid window 'x'"),
        ("around=soon", "invalid time 'soon'"),
    ])
    func badValuesAreNamed(_ text: String, _ words: String) {
        #expect {
            _ = try query(text)
        } throws: { error in
            "\(error)".contains(words) && !"\(error)".contains("\n")
        }
    }

    @Test func countsAreCapped() throws {
        #expect(try query("n=99999999").limit == WebQuery.largestPage)
    }
}
