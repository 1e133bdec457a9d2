@testable import ACLogDocker
import ACLogModel
import Foundation
import Testing

/// Mutated captures into the docker line decoder and the stats frame splitter, read in random
/// chunks: no crash, and the result never depends on how the bytes were split into reads.
/// ACLOG_FUZZ_SEED and ACLOG_FUZZ_COUNT run other and longer rounds than CI's.
@Suite struct DecoderFuzzTests {
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

    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["ACLOG_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0xD0C4E7
    static let rounds = environment["ACLOG_FUZZ_COUNT"].flatMap { Int($0) } ?? 3_000

    /// Bytes that matter to these decoders: newlines, escapes, timestamp and JSON characters.
    static let alphabet = Array("\n\r\u{1B}[HJK2 TZ:.-0123456789{}\",/%BkMGi".utf8) + [0x00, 0xC3, 0xFF]

    static func mutate(_ input: [UInt8], _ r: inout Random) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + r.below(8)) {
            switch r.below(5) {
            case 0 where !bytes.isEmpty: bytes[r.below(bytes.count)] = alphabet[r.below(alphabet.count)]
            case 1: bytes.insert(alphabet[r.below(alphabet.count)], at: r.below(bytes.count + 1))
            case 2 where bytes.count > 2:
                let start = r.below(bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + r.below(200)))
            case 3 where !bytes.isEmpty:
                // Repeat a slice (long lines, doubled frames).
                let start = r.below(bytes.count)
                let slice = bytes[start..<min(bytes.count, start + r.below(400))]
                bytes.insert(contentsOf: slice, at: r.below(bytes.count + 1))
            default: bytes += (0..<r.below(64)).map { _ in UInt8(truncatingIfNeeded: r.next()) }
            }
        }
        return bytes
    }

    /// Random read sizes, from 1 byte to 20 KiB (across Docker's 16 KiB chunk size).
    static func chunks(_ bytes: [UInt8], _ r: inout Random) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0
        while start < bytes.count {
            let size = r.below(3) == 0 ? 1 + r.below(16) : 1 + r.below(20_480)
            out.append(bytes[start..<min(bytes.count, start + size)])
            start += size
        }
        return out
    }

    static func decodeLines(_ pieces: [ArraySlice<UInt8>], maxLineBytes: Int) -> [DockerLine] {
        var decoder = DockerLineDecoder(maxLineBytes: maxLineBytes)
        var lines: [DockerLine] = []
        for piece in pieces { decoder.feed(Array(piece), into: &lines) }
        decoder.finish(into: &lines)
        return lines
    }

    @Test func dockerLineDecoderIsChunkInvariant() {
        let seeds = ["logs-weird.timestamps.stdout.raw", "logs-weird.timestamps.client20.stdout.raw", "logs-f-timestamps.stdout.txt",
                     "logs-weird.plain.stdout.raw", "logs-tty.stdout.raw"].map { fixture($0) }
        var r = Random(state: Self.seed)
        for _ in 0..<Self.rounds {
            let input = Self.mutate(seeds[r.below(seeds.count)], &r)
            let maxLine = r.below(2) == 0 ? 2 * 1024 * 1024 : 1 + r.below(40_000)
            let whole = Self.decodeLines([input[...]], maxLineBytes: maxLine)
            let split = Self.decodeLines(Self.chunks(input, &r), maxLineBytes: maxLine)
            if whole != split {
                let i = (0..<min(whole.count, split.count)).first { whole[$0] != split[$0] } ?? min(whole.count, split.count)
                let show = { (l: DockerLine?) in l.map { "time \($0.time.map(String.init) ?? "-") continues \($0.continues) bytes \($0.text.utf8.count) \($0.text.prefix(60).debugDescription)…\($0.text.suffix(30).debugDescription)" } ?? "none" }
                Issue.record("seed \(Self.seed), max \(maxLine): \(whole.count) lines whole, \(split.count) split; first difference at \(i): whole \(show(i < whole.count ? whole[i] : nil)); split \(show(i < split.count ? split[i] : nil))")
                return
            }
            // Invalid bytes become U+FFFD (3 bytes): at most three times the cap (which the
            // decoder raises to hold one whole Docker chunk).
            let cap = DockerLineDecoder(maxLineBytes: maxLine).maxLineBytes
            #expect(whole.allSatisfy { $0.text.utf8.count <= 3 * cap })
        }
    }

    static func frames(_ pieces: [ArraySlice<UInt8>]) -> [[String]] {
        var splitter = StatsFrameSplitter()
        var frames: [[String]] = []
        for piece in pieces { frames += splitter.feed(piece) }
        if let last = splitter.finish() { frames.append(last) }
        return frames
    }

    @Test func statsFramesAreChunkInvariantAndSamplesNeverCrash() {
        let seeds = ["stats-stream-json.client20.raw", "stats-stream-json.client28.raw", "stats-stream-json.client28.tty.raw",
                     "stats-stream-json.named.client28.raw", "stats-no-stream-json-all.client28.txt"].map { fixture($0) }
        var r = Random(state: Self.seed)
        var samples = 0
        for _ in 0..<Self.rounds {
            let input = Self.mutate(seeds[r.below(seeds.count)], &r)
            let whole = Self.frames([input[...]])
            let split = Self.frames(Self.chunks(input, &r))
            #expect(whole == split, "seed \(Self.seed)")
            if whole != split { return }
            for frame in whole {
                // One line per container id in a frame.
                let ids = frame.compactMap { StatsFrameSplitter.containerID(in: $0) }
                #expect(Set(ids).count == ids.count)
                for line in frame {
                    if let sample = StatsSampleDecoder.decode(line) {
                        samples += 1
                        #expect(sample.memoryBytes.map { $0 >= 0 } ?? true)
                    }
                }
            }
        }
        #expect(samples > Self.rounds)
    }

    @Test func sizesPercentsAndCountsSurviveAnyText() {
        var r = Random(state: Self.seed)
        let pieces = ["0", "1", ".", "5", "e", "9", "99999999999999999999", "B", "kB", "KiB", "MiB", "GB", "TiB", "PB", "%", "-", "--", " ", "/", "NaN", "inf", "x"]
        for _ in 0..<(Self.rounds * 10) {
            let text = (0..<r.below(6)).map { _ in pieces[r.below(pieces.count)] }.joined()
            if let bytes = DockerSize.bytes(text) { #expect(bytes >= 0) }
            _ = DockerSize.pair(text)
            _ = DockerSize.percent(text)
            _ = DockerSize.count(text)
        }
    }
}
