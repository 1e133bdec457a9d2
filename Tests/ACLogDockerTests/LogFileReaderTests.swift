@testable import ACLogDocker
import ACLogModel
import Foundation
import Testing

/// Saved log files are read a block at a time; lines cut by a block's end are whole again.
@Suite struct LogFileReaderTests {
    static func folder(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    @Test(arguments: [1, 2, 7, 64, 1 << 20])
    func chunksAreWholeLinesThatAddUpToTheFile(blockSize: Int) throws {
        let path = Self.folder().appendingPathComponent("logs-weird.timestamps.stdout.raw").path
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var chunks = LineChunks(fd: fd, blockSize: blockSize)
        var all: [UInt8] = []
        var pieces: [[UInt8]] = []
        while let chunk = try chunks.next() {
            #expect(chunk.offset == all.count)
            all += chunk.bytes
            pieces.append(chunk.bytes)
        }
        #expect(all == fixture("logs-weird.timestamps.stdout.raw"))
        #expect(pieces.dropLast().allSatisfy { $0.last == 10 })
    }

    struct Delivered: Equatable {
        var stream: LogStream
        var time: Int64?
        var text: String
    }

    func lines(_ file: String, blockSize: Int) async throws -> [Delivered] {
        let reader = try await LogFileReader(path: Self.folder().appendingPathComponent(file).path, format: .auto, blockSize: blockSize)
        var out: [Delivered] = []
        try await reader.read(batchSize: 3) { stream, lines in out += lines.map { Delivered(stream: stream, time: $0.time, text: $0.text) } }
        return out
    }

    @Test(arguments: ["json-file-on-disk.weird-lines.jsonl", "logs-weird.timestamps.stdout.raw", "logs-weird.plain.stdout.raw"])
    func smallBlocksReadTheSameLinesAsOneBlock(file: String) async throws {
        let whole = try await lines(file, blockSize: 1 << 24)
        #expect(!whole.isEmpty)
        for blockSize in [2, 5, 97] {
            #expect(try await lines(file, blockSize: blockSize) == whole, "\(file) in blocks of \(blockSize)")
        }
    }
}
