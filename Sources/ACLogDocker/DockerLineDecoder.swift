import ACLogModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits the byte stream of `docker logs --timestamps` into lines.
///
/// Each line starts with a 30-character RFC 3339 timestamp and a space. The engine stores lines over
/// 16 KiB as 16 KiB chunks, and the CLI prints a fresh timestamp before every chunk, in the middle of
/// the line; those inner timestamps are removed here, as Vector's and Alloy's docker sources do.
/// A line without a final newline is completed by `finish`.
public struct DockerLineDecoder: Sendable {
    /// The engine's partial-message size.
    public static let chunkSize = 16 * 1024
    /// `2026-11-26T17:43:33.797250525Z ` as printed by the CLI.
    public static let prefixLength = 31

    /// Raw bytes a line may reach before it is cut at a chunk boundary (the rest becomes the next line).
    public let maxLineBytes: Int
    private var pending: [UInt8] = []

    public init(maxLineBytes: Int = 2 * 1024 * 1024) {
        self.maxLineBytes = max(maxLineBytes, Self.prefixLength + Self.chunkSize + Self.prefixLength + 1)
    }

    /// Decodes the complete lines in `chunk` (plus any carried over) and appends them to `out`.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into out: inout [DockerLine]) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        var start = 0
        while start < chunk.count {
            guard let hit = memchr(bytes + start, Int32(UInt8(ascii: "\n")), chunk.count - start) else {
                pending.append(contentsOf: UnsafeBufferPointer(start: bytes + start, count: chunk.count - start))
                cutOversizedPending(into: &out)
                return
            }
            let end = bytes.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if pending.isEmpty && end - start <= maxLineBytes {
                out.append(Self.decodeLine(UnsafeBufferPointer(start: bytes + start, count: end - start)))
            } else {
                // A line read in pieces, or too long: cut the same way however the reads fell.
                pending.append(contentsOf: UnsafeBufferPointer(start: bytes + start, count: end - start))
                cutOversizedPending(into: &out)
                out.append(pending.withUnsafeBufferPointer { Self.decodeLine($0) })
                pending.removeAll(keepingCapacity: pending.capacity <= 64 * 1024)
            }
            start = end + 1
        }
    }

    public mutating func feed(_ bytes: [UInt8], into out: inout [DockerLine]) {
        bytes.withUnsafeBytes { feed($0, into: &out) }
    }

    /// Emits the last line when the stream ended without a newline.
    public mutating func finish(into out: inout [DockerLine]) {
        guard !pending.isEmpty else { return }
        cutOversizedPending(into: &out)
        out.append(pending.withUnsafeBufferPointer { Self.decodeLine($0) })
        pending = []
    }

    /// Bytes held for an unfinished line (for memory accounting and tests).
    public var pendingByteCount: Int { pending.count }

    /// Cuts an unfinished line that outgrew `maxLineBytes` just before one of its inner timestamps,
    /// so the rest decodes as a line of its own with the same time.
    private mutating func cutOversizedPending(into out: inout [DockerLine]) {
        let step = Self.chunkSize + Self.prefixLength
        while pending.count > maxLineBytes {
            // Inner timestamps stand at multiples of `step` from the start of the line.
            var cut = (maxLineBytes / step) * step
            let isBoundary = pending.withUnsafeBufferPointer { p in
                cut + Self.prefixLength <= p.count && Self.timestampPrefix(UnsafeBufferPointer(rebasing: p[cut...])) != nil
            }
            if !isBoundary { cut = maxLineBytes }
            var line = pending.withUnsafeBufferPointer { Self.decodeLine(UnsafeBufferPointer(rebasing: $0[..<cut])) }
            line.continues = true
            out.append(line)
            let timestamped = pending.withUnsafeBufferPointer { Self.timestampPrefix($0) != nil }
            if isBoundary || !timestamped {
                pending.removeFirst(cut)
            } else {
                // No chunk boundary where one should be: keep the rest with the same timestamp.
                let prefix = Array(pending[..<Self.prefixLength])
                pending = prefix + pending[cut...]
            }
        }
    }

    /// The timestamp at the start of `b`, if `b` starts with one and a space.
    static func timestampPrefix(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard b.count >= prefixLength, b[prefixLength - 1] == UInt8(ascii: " "), b[prefixLength - 2] == UInt8(ascii: "Z") else { return nil }
        return Timestamp.parseRFC3339(UnsafeBufferPointer(rebasing: b[..<(prefixLength - 1)]), requireEnd: true)?.nanos
    }

    static func decodeLine(_ line: UnsafeBufferPointer<UInt8>) -> DockerLine {
        guard let time = timestampPrefix(line) else {
            return DockerLine(time: nil, text: String(decoding: line, as: UTF8.self))
        }
        let content = UnsafeBufferPointer(rebasing: line[prefixLength...])
        guard content.count > chunkSize, timestampPrefix(UnsafeBufferPointer(rebasing: content[chunkSize...])) != nil else {
            return DockerLine(time: time, text: String(decoding: content, as: UTF8.self))
        }
        var joined: [UInt8] = []
        joined.reserveCapacity(content.count)
        var offset = 0
        while true {
            let rest = UnsafeBufferPointer(rebasing: content[offset...])
            if rest.count > chunkSize, timestampPrefix(UnsafeBufferPointer(rebasing: rest[chunkSize...])) != nil {
                joined.append(contentsOf: rest[..<chunkSize])
                offset += chunkSize + prefixLength
            } else {
                joined.append(contentsOf: rest)
                break
            }
        }
        return DockerLine(time: time, text: String(decoding: joined, as: UTF8.self))
    }
}
