import ACLogModel
@testable import ACLogParsing
import Foundation
import Testing

/// Random and mutated lines into every parser, the cleaner, the redactor and the assembler: no
/// crash, every line accounted for, records bounded.
@Suite struct MutationTests {
    /// SplitMix64: deterministic, so a failure can be replayed from its seed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let alphabet = Array(" \t\r\u{1B}[]{}\":=|#*.-/\\,;<>()0123456789aAzZ~^\u{7F}\u{0}".utf8) + [0xC3, 0xA9, 0xE2, 0x94, 0x82, 0xFF]

    static func mutate(_ line: [UInt8], _ r: inout Random) -> [UInt8] {
        var bytes = line
        for _ in 0..<(1 + r.below(4)) {
            switch r.below(6) {
            case 0 where !bytes.isEmpty: bytes[r.below(bytes.count)] = alphabet[r.below(alphabet.count)]
            case 1: bytes.insert(alphabet[r.below(alphabet.count)], at: r.below(bytes.count + 1))
            case 2 where !bytes.isEmpty: bytes.removeSubrange(r.below(bytes.count)..<bytes.count)
            case 3 where !bytes.isEmpty: bytes.remove(at: r.below(bytes.count))
            case 4:
                // A word dropped: a field left empty between its separators (`| INFO | - message`).
                var words = bytes.split(separator: 32, omittingEmptySubsequences: false)
                if words.count > 1 { words.remove(at: r.below(words.count)) }
                bytes = Array(words.joined(separator: [32]))
            default: bytes += (0..<r.below(40)).map { _ in UInt8(truncatingIfNeeded: r.next()) }
            }
        }
        return bytes.filter { $0 != 10 }
    }

    @Test func everyParserSurvivesMutatedCorpusLines() throws {
        let seeds = try Corpus.everyLineAsBytes()
        #expect(seeds.count > 500)
        let formats: [any LogFormat] = FormatChooser.all + [GenericFormat(), NginxFormat(unmatchedContinues: true)]
        // ACLOG_FUZZ_SEED and ACLOG_FUZZ_COUNT run other and longer rounds than CI's.
        let environment = ProcessInfo.processInfo.environment
        var r = Random(state: environment["ACLOG_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0xAC106)
        let rounds = environment["ACLOG_FUZZ_COUNT"].flatMap { Int($0) } ?? 60_000
        let builder = RecordBuilder(formats: FormatChooser.all + [GenericFormat()])
        var options = MultilineAssembler.Options()
        options.maxLines = 50
        options.maxBytes = 4_096
        var assembler = MultilineAssembler(options: options)
        var linesIn = 0
        var linesOut = 0
        for i in 0..<rounds {
            let bytes = i % 7 == 0 ? (0..<r.below(200)).map { _ in UInt8(truncatingIfNeeded: r.next()) }.filter { $0 != 10 }
                : Self.mutate(seeds[r.below(seeds.count)], &r)
            let text = String(decoding: bytes, as: UTF8.self)
            let line = LineBytes(text)
            for format in formats { _ = format.parse(line) }
            _ = LevelDetector.detect(text)
            _ = LineCleaner.clean(text)
            let cooked = builder.line(time: Int64(i) * 1_000, stream: .stdout, text: text)
            linesIn += 1
            for (record, _) in assembler.add(cooked, tag: StreamPosition(time: Int64(i), countAtTime: 1)) {
                linesOut += record.message.split(separator: "\n", omittingEmptySubsequences: false).count
                #expect(record.message.utf8.count <= options.maxBytes + 1_000)
            }
        }
        for (record, _) in assembler.close() { linesOut += record.message.split(separator: "\n", omittingEmptySubsequences: false).count }
        #expect(linesOut == linesIn)
    }

    @Test func theTimeSyntaxSurvivesRandomInput() {
        var r = Random(state: 7)
        let pieces = ["1", "30", "s", "m", "h", "d", "w", "-", ":", "T", "Z", "+08:00", " ", "2026", "11", "25", ".", "now", "today", "x", "99999999999999999999"]
        for _ in 0..<20_000 {
            let text = (0..<r.below(8)).map { _ in pieces[r.below(pieces.count)] }.joined()
            _ = try? TimeExpression.parse(text, now: 1_795_000_000_000_000_000)
        }
    }
}
