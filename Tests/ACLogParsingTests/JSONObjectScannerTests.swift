@testable import ACLogParsing
import Testing

struct JSONObjectScannerTests {
    func scan(_ text: String) -> [String: JSONObjectScanner.Value]? {
        var text = text
        return text.withUTF8(JSONObjectScanner.scalars)
    }

    @Test func scalarsOfAFlatObject() {
        let found = scan(#" {"level":"info", "n": 42, "neg":-7, "t": 0.25, "e": 1e3, "E": -2.5E-2, "ok": true, "no":false, "z": null} "#)
        #expect(found == ["level": .string("info"), "n": .int(42), "neg": .int(-7), "t": .double(0.25), "e": .double(1000),
                          "E": .double(-0.025), "ok": .bool(true), "no": .bool(false)])
        #expect(scan("{}") == [:])
        // Too big for an Int: a Double, as a decoder would make it.
        #expect(scan(#"{"big": 123456789012345678901234567890}"#) == ["big": .double(123456789012345678901234567890)])
        // The last of two equal keys wins.
        #expect(scan(#"{"a": 1, "a": 2}"#) == ["a": .int(2)])
    }

    @Test func escapesAreDecoded() {
        let found = scan(#"{"s": "a\"b\\c\/d\n\t\r\b\f", "u": "caf\u00e9 \ud83d\ude00", "lone": "\ud800x", "raw": "日本 é"}"#)
        #expect(found?["s"] == .string("a\"b\\c/d\n\t\r\u{8}\u{C}"))
        #expect(found?["u"] == .string("café 😀"))
        #expect(found?["lone"] == .string("\u{FFFD}x"))
        #expect(found?["raw"] == .string("日本 é"))
    }

    @Test func nestedValuesAreCheckedAndLeftOut() {
        let found = scan(#"{"a": {"b": [1, {"c": "}"}, [], {}], "d": "x"}, "list": [true, null, "]"], "k": "v"}"#)
        #expect(found == ["k": .string("v")])
        let deep = "{\"a\": " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        #expect(scan(deep) == nil)
    }

    @Test(arguments: [
        "", "{", "}", "[1]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{\"a\":1} x", "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}",
        "{\"a\":1e}", "{\"a\":tru}", "{\"a\":\"x}", "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}", "{a:1}", "{\"a\":\"tab\tin\"}",
        "{\"a\":[1,]}", "{\"a\":{\"b\"}}", "{\"a\":1}{\"b\":2}", "{\"a\" 1}",
    ])
    func invalidJSONIsNil(_ text: String) {
        #expect(scan(text) == nil, "\(text)")
    }
}
