import ACLogModel
@testable import ACLogParsing
import Foundation
import Testing

/// A format's first bytes are a promise the chain relies on to skip it: no line starting with
/// another byte may be one it accepts.
@Suite struct FirstBytesTests {
    static let formats: [any LogFormat] = FormatChooser.all + [NginxFormat(unmatchedContinues: true), GenericFormat()]

    static func refusals(_ format: any LogFormat, _ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, !format.firstBytes.contains(first) else { return true }
        return format.parse(LineBytes(String(decoding: bytes, as: UTF8.self))) == nil
    }

    /// Every line a format accepts, its first byte replaced by each of the 256: accepted only
    /// with a byte of the set.
    @Test func aLineAcceptedWithAnotherFirstByteStartsWithOneOfTheSet() throws {
        let lines = try Corpus.everyLineAsBytes()
        #expect(lines.count > 500)
        for format in Self.formats {
            let accepted = lines.filter { format.parse(LineBytes(String(decoding: $0, as: UTF8.self))) != nil }
            var broken: [String] = []
            for line in accepted.prefix(300) {
                for byte in UInt8.min...UInt8.max where !Self.refusals(format, [byte] + line.dropFirst()) {
                    broken.append("\(byte): \(String(decoding: line.prefix(60), as: UTF8.self))")
                }
            }
            #expect(broken.isEmpty, "\(format.name) accepts lines its first bytes rule out: \(broken.prefix(3))")
        }
    }

    /// Corpus lines mutated and random bytes, as the mutation test makes them.
    @Test func noMutatedLineBreaksThePromise() throws {
        let seeds = try Corpus.everyLineAsBytes()
        var r = MutationTests.Random(state: 0xF1257)
        for round in 0..<30_000 {
            let bytes = round % 5 == 0 ? (0..<r.below(120)).map { _ in UInt8(truncatingIfNeeded: r.next()) }.filter { $0 != 10 }
                : MutationTests.mutate(seeds[r.below(seeds.count)], &r)
            for format in Self.formats where !Self.refusals(format, bytes) {
                Issue.record("\(format.name) accepts \(String(decoding: bytes.prefix(80), as: UTF8.self)) though its first bytes rule it out")
            }
        }
    }

    /// The chain that skips by first byte reads every corpus line as the one that asks every
    /// format did (formats settling aside: one fresh settling per line).
    @Test func skippingChangesNoReading() throws {
        let chain = RecordBuilder(container: ContainerInfo(id: "c", name: "c", image: "unknown"))
        for bytes in try Corpus.everyLineAsBytes() {
            let line = String(decoding: bytes, as: UTF8.self)
            let cooked = chain.line(time: 0, stream: .stdout, text: line)
            let message = LineBytes(cooked.message)
            let first = chain.formats.firstIndex { $0.parse(message) != nil }
            #expect(cooked.format == first.map { chain.numbers[$0] }, "\(line.prefix(80))")
        }
    }
}
