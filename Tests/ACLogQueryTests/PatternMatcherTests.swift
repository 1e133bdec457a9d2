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

    /// `-w` of one word or a fixed string is decided in an ASCII message by the bytes around each
    /// occurrence: the same answer as the expression, whatever stands there (letters, digits, an
    /// underscore, punctuation, a line break, the ends), for every occurrence, in any case.
    @Test func wholeWordsAreDecidedByTheirNeighboursAsTheExpressionDecides() throws {
        let patterns: [(String, SearchPattern.Mode, Bool)] = [
            ("info", .text, false), ("INFO", .fixed, false), ("INFO", .fixed, true), ("a_b", .fixed, false),
            (":INFO", .fixed, false), ("x1", .text, false),
        ]
        let sides = ["", "x", "X", "_", "9", " ", ":", "\n", "-", "é"]
        var lines: [String] = []
        for word in ["info", "INFO", "Info", "a_b", ":INFO", "x1", "X1"] {
            for before in sides {
                for after in sides {
                    lines.append(before + word + after)
                    lines.append(before + word + after + " then " + word)  // a later occurrence decides
                    lines.append("\(word)\(word)" + after)
                }
            }
        }
        for (text, mode, caseless) in patterns {
            let pattern = try SearchPattern(text, mode: mode, ignoreCase: caseless, wholeWords: true)
            #expect(pattern.wholeSubstringWordBytes != nil, "\(text)")
            let matcher = PatternMatcher(pattern)
            var matched = 0
            for line in lines {
                var bytes = line
                let found = bytes.withUTF8 { matcher.matches($0) }
                #expect(found == pattern.matches(line), "\(text) -w on \(line.debugDescription)")
                if found { matched += 1 }
            }
            #expect(matched > 0 && matched < lines.count, "\(text)")
        }
        // A phrase, or a regular expression, is left to the expression.
        #expect(try SearchPattern("a b", mode: .text, wholeWords: true).wholeSubstringWordBytes == nil)
        #expect(try SearchPattern("info", mode: .regex, wholeWords: true).wholeSubstringWordBytes == nil)
        #expect(try SearchPattern("info", mode: .text).wholeSubstringWordBytes == nil)
    }
}
