@testable import ACLogQuery
import ACLogTextSearch
import Testing

/// What a scan looks for before the pattern itself never changes what matches.
@Suite struct PatternMatcherTests {
    @Test func alternativesAreLookedForFirstAndTheExpressionDecides() throws {
        #expect(RequiredLiteral.alternatives(of: "timeout|refused")?.map { String(decoding: $0, as: UTF8.self) } == ["timeout", "refused"])
        #expect(RequiredLiteral.alternatives(of: "(?i)Time(out)?|[Rr]efused x")?.map { String(decoding: $0, as: UTF8.self) } == ["Time", "efused x"])
        #expect(RequiredLiteral.alternatives(of: "pay (ok|failed)") == nil)
        #expect(RequiredLiteral.alternatives(of: "a|") == nil)
        #expect(RequiredLiteral.alternatives(of: #"a\|b"#) == nil)
        #expect(RequiredLiteral.alternatives(of: "[|]x|y")?.count == 2)
        let patterns: [(String, SearchPattern.Mode, Bool)] = [
            ("timeout|refused", .regex, false), ("timeout|refused", .regex, true), ("(?i)TIMEOUT|refused", .regex, false),
            ("^GET|POST /x", .regex, false), ("a.c|x[0-9]+", .regex, false), ("(fail|ok)ed|done$", .regex, false),
            ("café|tea", .regex, true), ("knowledge", .text, false), ("Retrieval returned 0", .text, false), ("k\\s", .fixed, true),
        ]
        let lines = ["connection timeout", "Connection REFUSED", "refusedly", "GET /api", "xGET", "POST /x y", "abc", "x12", "x",
                     "failed", "oked", "all done", "done now", "CAFÉ au lait", "Tea", "KNOWLEDGE base", "retrieval  returned 0 rows",
                     "back\\slash", "line one\ntimeout on two", "ÉTÉ"]
        for (text, mode, caseless) in patterns {
            let pattern = try SearchPattern(text, mode: mode, ignoreCase: caseless)
            let matcher = PatternMatcher(pattern)
            for line in lines {
                var bytes = line
                let found = bytes.withUTF8 { matcher.matches($0) }
                #expect(found == pattern.matches(line), "\(text) on \(line)")
            }
        }
        // Plain words between bars are the whole pattern: a hit needs no expression.
        #expect(try SearchPattern("timeout|refused", mode: .regex).substringIsPattern == .always)
        #expect(try SearchPattern("(?i)timeout|refused", mode: .regex).substringIsPattern == .inASCII)
        #expect(try SearchPattern("timeout|refused", mode: .regex, wholeWords: true).substringIsPattern == .never)
        #expect(try SearchPattern("a.c|x", mode: .regex).substringIsPattern == .never)
        #expect(try SearchPattern("time(out)?|x", mode: .regex).substringIsPattern == .never)
        // Each alternative is looked for, without case where asked.
        #expect(PatternMatcher(try SearchPattern("timeout|refused", mode: .regex, ignoreCase: true)).finders.count == 2)
    }
}
