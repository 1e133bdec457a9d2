@testable import ACLogTextSearch
import Testing

/// The 16-byte search finds a needle exactly where a byte-by-byte search finds it: at every
/// position of a block and across blocks, folding ASCII letters and nothing else.
@Suite struct SubstringFinderTests {
    static func naive(_ needle: [UInt8], in text: [UInt8], caseless: Bool) -> Bool {
        guard needle.count <= text.count else { return false }
        let fold = { (c: UInt8) in caseless ? ByteSearch.lower(c) : c }
        return (0...(text.count - needle.count)).contains { start in
            needle.indices.allSatisfy { fold(text[start + $0]) == fold(needle[$0]) }
        }
    }

    static func occurs(_ needle: [UInt8], in text: [UInt8], caseless: Bool) -> Bool {
        text.withUnsafeBufferPointer { SubstringFinder(needle, caseless: caseless).occurs(in: $0) }
    }

    @Test func agreesWithAByteByByteSearch() {
        var state: UInt64 = 11
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        // Letters in both cases, the bytes next to them (@ [ ` {) that a careless fold confuses, UTF-8.
        let alphabet = Array("aAbBzZ@[`{_ 0".utf8) + [0xC3, 0xA9, 0x80, 0xFF]
        var found = 0
        for _ in 0..<20_000 {
            let text = (0..<next(120)).map { _ in alphabet[next(alphabet.count)] }
            let needle = (0..<(1 + next(next(2) == 0 ? 5 : 24))).map { _ in alphabet[next(alphabet.count)] }
            for caseless in [false, true] {
                let expected = Self.naive(needle, in: text, caseless: caseless)
                #expect(Self.occurs(needle, in: text, caseless: caseless) == expected, "\(needle) in \(text), caseless \(caseless)")
                if expected { found += 1 }
            }
        }
        #expect(found > 1_000)
    }

    @Test func everyPositionOfSeveralBlocks() {
        let needle = Array("Knowledge".utf8)
        for length in 9...70 {
            for at in 0...(length - needle.count) {
                var text = [UInt8](repeating: UInt8(ascii: "k"), count: length)
                text.replaceSubrange(at..<(at + needle.count), with: Array("kNOWLEDGe".utf8))
                #expect(Self.occurs(needle, in: text, caseless: true), "at \(at) of \(length)")
                #expect(!Self.occurs(needle, in: text, caseless: false), "at \(at) of \(length)")
            }
        }
        #expect(!Self.occurs(Array("@".utf8), in: Array("`".utf8), caseless: true))
        #expect(!Self.occurs(Array("[".utf8), in: Array("{".utf8), caseless: true))
        #expect(!Self.occurs(Array("é".utf8), in: Array("É".utf8), caseless: true))
        #expect(Self.occurs([], in: [], caseless: true))
        #expect(!Self.occurs(Array("ab".utf8), in: Array("a".utf8), caseless: false))
    }

    @Test func asciiIsTold() {
        for length in 0...40 {
            let plain = [UInt8](repeating: UInt8(ascii: "x"), count: length)
            #expect(plain.withUnsafeBufferPointer(SubstringFinder.isASCII))
            for at in 0..<length {
                var text = plain
                text[at] = 0xC3
                #expect(!text.withUnsafeBufferPointer(SubstringFinder.isASCII), "at \(at) of \(length)")
            }
        }
    }
}
