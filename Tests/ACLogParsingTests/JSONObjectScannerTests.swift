@testable import ACLogParsing
import Foundation
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
        // A comma before a closing bracket passes, as Foundation's reader let it.
        #expect(scan(#"{"a": [1, {"b": 2,},], "c": 3,}"#) == ["c": .int(3)])
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
        "", "{", "}", "[1]", "{\"a\"}", "{\"a\":}", "{,}", "{\"a\":1} x", "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}",
        "{\"a\":1e}", "{\"a\":tru}", "{\"a\":\"x}", "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}", "{a:1}", "{\"a\":\"tab\tin\"}",
        "{\"a\":{\"b\"}}", "{\"a\":1}{\"b\":2}", "{\"a\" 1}",
    ])
    func invalidJSONIsNil(_ text: String) {
        #expect(scan(text) == nil, "\(text)")
    }

    /// Valid exactly when Foundation's JSONSerialization (the tests' oracle; aclog does not link
    /// it) reads a top-level object, over 30,000 mutations of log lines; where both read one, the
    /// same strings, integers and booleans.
    @Test func agreesWithJSONSerializationOnMutatedLines() throws {
        let seeds = [
            #"{"level":"info","msg":"a \"quoted\" word\n","n":-12.5e3,"i":42,"ok":true,"z":null,"nested":{"a":[1,2,{"b":"c"}]}}"#,
            #"{ "ts" : 1795737600.013 , "caller" : "server/handler.go:313", "tags" : [ ], "empty" : { } }"#,
            #"{"a":[[["x"]]],"b":0,"c":-0.5E+2,"d":"\/\\\t"}"#,
        ]
        let alphabet = Array(#"{}[]":,.-+eE0123456789tfnulrsa \"#.utf8)
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var agreed = 0, valid = 0
        for round in 0..<30_000 {
            var bytes = Array(seeds[round % seeds.count].utf8)
            for _ in 0...next(3) {
                switch next(4) {
                case 0: bytes[next(bytes.count)] = alphabet[next(alphabet.count)]
                case 1: bytes.remove(at: next(bytes.count))
                case 2: bytes.insert(alphabet[next(alphabet.count)], at: next(bytes.count + 1))
                default: bytes.removeLast(next(min(4, bytes.count)))
                }
                if bytes.isEmpty { bytes = [UInt8(ascii: "{")] }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let mine = scan(text)
            let theirs = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
            #expect((mine != nil) == (theirs != nil), "\(text)")
            guard let mine, let theirs else { agreed += 1; continue }
            valid += 1
            for (key, value) in mine {
                switch value {
                case .string(let s): #expect(theirs[key] as? String == s, "\(text) \(key)")
                case .int(let n): #expect((theirs[key] as? NSNumber)?.int64Value == Int64(n), "\(text) \(key)")
                case .double(let d): #expect(abs(((theirs[key] as? NSNumber)?.doubleValue ?? .nan) - d) <= abs(d) * 1e-12, "\(text) \(key)")
                case .bool(let b): #expect((theirs[key] as? NSNumber)?.boolValue == b, "\(text) \(key)")
                }
            }
            agreed += 1
        }
        #expect(agreed == 30_000)
        #expect(valid > 1_000)   // the mutations leave enough valid objects to compare values
    }
}
