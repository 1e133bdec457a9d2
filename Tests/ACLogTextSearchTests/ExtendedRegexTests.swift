@testable import ACLogTextSearch
import Testing

struct ExtendedRegexTests {
    func firstMatch(_ pattern: String, _ text: String, ignoreCase: Bool = false) throws -> [String?]? {
        let regex = try ExtendedRegex(pattern, ignoreCase: ignoreCase)
        var text = text
        return text.withUTF8 { bytes in
            regex.firstMatch(in: bytes).map { $0.map { $0.map { String(decoding: bytes[$0], as: UTF8.self) } } }
        }
    }

    @Test func perlFormsBecomePOSIXOnes() throws {
        #expect(try firstMatch(#"\bEMP-\d{6}\b"#, "id EMP-123456 ok") == ["EMP-123456"])
        #expect(try firstMatch(#"\bEMP-\d{6}\b"#, "id EMP-1234567") == nil)
        #expect(try firstMatch(#"[\d.]+"#, "v=1.25;") == ["1.25"])
        #expect(try firstMatch(#"[\s\w]+"#, "(a b_c)") == ["a b_c"])
        #expect(try firstMatch(#"\D+"#, "12ab3") == ["ab"])
        #expect(try firstMatch(#"[\]\-x]+"#, "a]-x]b") == ["]-x]"])
        #expect(try firstMatch(#"a\tb"#, "a\tb") == ["a\tb"])
        #expect(try firstMatch(#"(?i)secret"#, "SeCrEt") == ["SeCrEt"])
        #expect(try firstMatch("secret", "SECRET", ignoreCase: true) == ["SECRET"])
        #expect(try firstMatch("secret", "SECRET") == nil)
    }

    @Test func groupsAreNumberedAsThePatternCountsThem() throws {
        // (?:…) takes no number: group 1 is (b+), group 2 is (d).
        #expect(try firstMatch(#"(?:a|x)(b+)c(?:e)?(d)"#, "zabbcd") == ["abbcd", "bb", "d"])
        #expect(try firstMatch(#"(x)?(y)"#, "y") == ["y", nil, "y"])
    }

    @Test func unsupportedFormsAreRefusedByName() {
        for (pattern, reason) in [("a*?", "lazy"), ("(?=a)", "lookaround"), ("(?<!a)b", "lookaround"), ("(?m)a", "inline flags"),
                                  (#"\p{L}"#, "Unicode properties"), (#"(a)\1"#, "back-references"), ("[ab", "not closed"), ("a\\", "backslash")] {
            #expect {
                try ExtendedRegex(pattern)
            } throws: { error in
                (error as? ExtendedRegex.Invalid)?.reason.contains(reason) == true
            }
        }
        #expect(throws: ExtendedRegex.Invalid.self) { try ExtendedRegex("a(") }
    }

    @Test func everyMatchOnceAndTextWithNULs() throws {
        let regex = try ExtendedRegex("[0-9]+")
        var text = "a1\u{0}22 333"
        let found = text.withUTF8 { bytes in regex.matches(in: bytes).map { String(decoding: bytes[$0[0]!], as: UTF8.self) } }
        #expect(found == ["1", "22", "333"])
        // Empty matches move on instead of looping.
        var empty = "abc"
        let nothing = try ExtendedRegex("x*")
        #expect(empty.withUTF8 { nothing.matches(in: $0).map { $0[0] } } == [0..<0, 1..<1, 2..<2, 3..<3])
        // ^ holds only at the start of the text, not where a later search resumes.
        var twice = "aa"
        let first = try ExtendedRegex("^a")
        #expect(twice.withUTF8 { first.matches(in: $0).count } == 1)
    }
}
