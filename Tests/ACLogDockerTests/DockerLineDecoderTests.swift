@testable import ACLogDocker
import ACLogModel
import Foundation
import Testing

@Suite struct DockerLineDecoderTests {
    /// What the container printed, per the engine's own json-file: partial entries joined, one
    /// line per entry that ends in a newline (and the unfinished last one).
    static func groundTruth(stream: String) -> [DockerLine] {
        struct Entry: Decodable { var log: String; var stream: String; var time: String }
        let text = String(decoding: fixture("json-file-on-disk.weird-lines.jsonl"), as: UTF8.self)
        var lines: [DockerLine] = []
        var pending: (time: Int64, text: String)?
        for row in text.split(separator: "\n") {
            let entry = try! JSONDecoder().decode(Entry.self, from: Data(row.utf8))
            guard entry.stream == stream else { continue }
            var current = pending ?? (Timestamp.parseRFC3339(entry.time)!, "")
            current.text += entry.log
            if current.text.utf8.last == UInt8(ascii: "\n") {
                lines.append(DockerLine(time: current.time, text: String(decoding: current.text.utf8.dropLast(), as: UTF8.self)))
                pending = nil
            } else {
                pending = current
            }
        }
        if let pending { lines.append(DockerLine(time: pending.time, text: pending.text)) }
        return lines
    }

    static func decode(_ bytes: [UInt8], chunk: Int, maxLineBytes: Int = 2 * 1024 * 1024) -> [DockerLine] {
        var decoder = DockerLineDecoder(maxLineBytes: maxLineBytes)
        var out: [DockerLine] = []
        var i = 0
        while i < bytes.count {
            let piece = Array(bytes[i..<min(bytes.count, i + chunk)])
            decoder.feed(piece, into: &out)
            i += chunk
        }
        decoder.finish(into: &out)
        return out
    }

    /// Compares without printing 40 KB lines when they differ.
    static func expectSame(_ decoded: [DockerLine], _ expected: [DockerLine], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(decoded.map(\.text.utf8.count) == expected.map(\.text.utf8.count), sourceLocation: sourceLocation)
        #expect(decoded.map(\.time) == expected.map(\.time), sourceLocation: sourceLocation)
        let identical = decoded == expected
        #expect(identical, sourceLocation: sourceLocation)
    }

    @Test(arguments: [1, 7, 4_096, 16_415, 1 << 20])
    func stdoutMatchesTheJSONFileWhateverTheReadSizes(chunk: Int) {
        let decoded = Self.decode(fixture("logs-weird.timestamps.stdout.raw"), chunk: chunk)
        let expected = Self.groundTruth(stream: "stdout")
        Self.expectSame(decoded, expected)
        // The 40 KB line is one line again, without the inner timestamps.
        #expect(decoded[0].text.hasPrefix("LONG40K-START-"))
        let inner = decoded[0].text.utf8.count > 32_768 && !decoded[0].text.contains("Z ")
        #expect(inner)
    }

    @Test func stderrMatchesTheJSONFile() {
        Self.expectSame(Self.decode(fixture("logs-weird.timestamps.stderr.raw"), chunk: 3_000), Self.groundTruth(stream: "stderr"))
    }

    @Test func client20OutputDecodesTheSame() {
        Self.expectSame(Self.decode(fixture("logs-weird.timestamps.client20.stdout.raw"), chunk: 65_536), Self.groundTruth(stream: "stdout"))
    }

    @Test func lines16383And16384BytesLongKeepTheirLength() {
        let decoded = Self.decode(fixture("logs-weird.timestamps.stdout.raw"), chunk: 65_536)
        #expect(decoded[1].text.utf8.count == 16_383)
        #expect(decoded[2].text.utf8.count == 16_384)
        #expect(decoded[1].text.allSatisfy { $0 == "y" })
        #expect(decoded[2].text.allSatisfy { $0 == "z" })
    }

    @Test func aLineWithoutTimestampKeepsItsTextAndNoTime() {
        let decoded = Self.decode(Array("Error response from daemon: No such container: x\n".utf8), chunk: 10)
        #expect(decoded == [DockerLine(time: nil, text: "Error response from daemon: No such container: x")])
    }

    @Test func emptyLinesAndNulBytesSurvive() {
        let bytes = Array("2026-11-26T17:43:33.804466679Z \n2026-11-26T17:43:33.804466680Z a\u{0}b\n".utf8)
        let decoded = Self.decode(bytes, chunk: 5)
        #expect(decoded.map(\.text) == ["", "a\u{0}b"])
    }

    /// A synthetic line of `chunks` full 16 KiB chunks plus a tail, as the CLI prints it.
    static func cliLine(time: String, chunks: Int, tail: String) -> (bytes: [UInt8], text: String) {
        var bytes = Array("\(time) ".utf8)
        var text = ""
        for k in 0..<chunks {
            let body = String(repeating: Character(UnicodeScalar(UInt8(97 + k % 26))), count: DockerLineDecoder.chunkSize)
            if k > 0 { bytes += Array("\(time) ".utf8) }
            bytes += Array(body.utf8)
            text += body
        }
        bytes += Array("\(time) \(tail)\n".utf8)
        return (bytes, text + tail)
    }

    @Test func aOneMebibyteLineIsStoredWhole() {
        let (bytes, text) = Self.cliLine(time: "2026-11-26T17:43:33.797250525Z", chunks: 64, tail: "end")
        let decoded = Self.decode(bytes, chunk: 65_536)
        #expect(decoded.count == 1)
        #expect(decoded.first?.text == text)
        #expect(decoded.first?.continues == false)
    }

    @Test func aLineOverTheCapIsSplitAtChunkBoundariesAndMarked() {
        let (bytes, text) = Self.cliLine(time: "2026-11-26T17:43:33.797250525Z", chunks: 10, tail: "end")
        let decoded = Self.decode(bytes, chunk: 4_096, maxLineBytes: 40_000)
        #expect(decoded.count > 1)
        #expect(decoded.dropLast().allSatisfy { $0.continues })
        #expect(decoded.last?.continues == false)
        #expect(decoded.map(\.text).joined() == text)
        #expect(Set(decoded.map(\.time)).count == 1)
    }
}

@Suite struct DockerLineDecoderMutationTests {
    /// Random bytes with timestamps and 16 KiB-like boundaries sprinkled in, fed in random chunks:
    /// no crash, and one line per newline (plus the unfinished last one).
    @Test func randomInputNeverCrashesAndKeepsEveryLine() {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            return z ^ (z >> 27)
        }
        let stamp = Array("2026-11-26T17:43:33.797250525Z ".utf8)
        for round in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(next() % 60) {
                switch next() % 4 {
                case 0: bytes += stamp
                case 1: bytes += [UInt8](repeating: 120, count: Int(next() % 40_000))
                case 2: bytes.append(10)
                default: bytes += (0..<Int(next() % 50)).map { _ in UInt8(truncatingIfNeeded: next()) }
                }
            }
            var decoder = DockerLineDecoder(maxLineBytes: round % 2 == 0 ? 2 << 20 : 20_000)
            var out: [DockerLine] = []
            var i = 0
            while i < bytes.count {
                let n = 1 + Int(next() % 70_000)
                decoder.feed(Array(bytes[i..<min(bytes.count, i + n)]), into: &out)
                i += n
            }
            decoder.finish(into: &out)
            let newlines = bytes.filter { $0 == 10 }.count
            let unfinished = bytes.last.map { $0 != 10 } ?? false
            #expect(out.filter { !$0.continues }.count == newlines + (unfinished ? 1 : 0))
        }
    }
}

@Suite struct JSONFileEntryTests {
    /// The direct reader agrees with JSONDecoder on every entry of the engine's own json-file.
    @Test func agreesWithJSONDecoderOnTheEnginesFile() throws {
        let text = fixture("json-file-on-disk.weird-lines.jsonl")
        var fastCount = 0
        for line in text.split(separator: 10) {
            let decoded = try JSONDecoder().decode(JSONFileEntry.self, from: Data(line))
            let fast = try #require(JSONFileEntry.fast(line))
            #expect(fast.log == decoded.log && fast.stream == decoded.stream && fast.time == decoded.time)
            fastCount += 1
        }
        #expect(fastCount == 15)
    }

    @Test func escapesAndOtherShapes() throws {
        let line = Array(#"{"log":"a\"b\\c\/d\u00e9\ud83d\ude00\t\u001b[31m\n","stream":"stderr","time":"2026-11-26T17:43:33.80528438Z"}"#.utf8)
        let entry = try #require(JSONFileEntry.fast(line[...]))
        #expect(entry.log == "a\"b\\c/dé😀\t\u{1B}[31m\n")
        #expect(entry.stream == "stderr")
        // Keys in another order: not the fast path, still read.
        let other = Array(#"{"stream":"stdout","log":"x\n","time":"2026-11-26T17:43:33Z"}"#.utf8)
        #expect(JSONFileEntry.fast(other[...]) == nil)
        #expect(JSONFileEntry.parse(other[...])?.log == "x\n")
        #expect(JSONFileEntry.parse(Array(#"{"log":"cut"#.utf8)[...]) == nil)
    }
}
