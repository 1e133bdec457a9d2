import ACLogTextSearch
import ACLogModel

/// Splits the byte stream of `docker stats --format '{{json .}}'` into frames: the lines of one
/// refresh, one per container.
///
/// The 20.10 client starts each frame with `ESC[2J ESC[H`. The 28.x client writes `ESC[H`, the
/// lines, then `ESC[H` and the same lines again each followed by `ESC[K`, and ends the frame with
/// `ESC[J`: every sample appears twice. Either way a frame is what lies between two clear-screen
/// codes (`ESC[2J` or `ESC[J`), and within a frame a container's later line replaces its earlier
/// one, so each sample is seen once. `--no-stream` output has no codes: one frame, ended by the
/// end of the stream (`finish`).
public struct StatsFrameSplitter {
    private var line: [UInt8] = []
    private var frame: [String] = []
    /// Where each container's line stands in `frame`.
    private var lineOfID: [String: Int] = [:]
    private var escape: [UInt8] = []
    private var inEscape = false

    public init() {}

    /// Feeds bytes; returns the frames they completed, each a list of JSON lines.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [[String]] {
        var frames: [[String]] = []
        for byte in bytes {
            if inEscape {
                escape.append(byte)
                // A CSI sequence ends with a byte in @...~; `ESC` followed by anything but `[` is one byte long.
                if escape.count == 1 && byte != UInt8(ascii: "[") {
                    inEscape = false
                } else if escape.count > 1 && (0x40...0x7E).contains(byte) {
                    inEscape = false
                    if byte == UInt8(ascii: "J") {
                        endLine()
                        if !frame.isEmpty { frames.append(frame) }
                        frame = []
                        lineOfID = [:]
                    }
                }
                continue
            }
            switch byte {
            case 0x1B:
                inEscape = true
                escape.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\n"):
                endLine()
            case UInt8(ascii: "\r"):
                break
            default:
                line.append(byte)
            }
        }
        return frames
    }

    /// The frame still open when the stream ends.
    public mutating func finish() -> [String]? {
        endLine()
        defer {
            frame = []
            lineOfID = [:]
        }
        return frame.isEmpty ? nil : frame
    }

    private mutating func endLine() {
        let text = String(String(decoding: line, as: UTF8.self).trimmingSpaces)
        line.removeAll(keepingCapacity: true)
        guard !text.isEmpty else { return }
        let id = Self.containerID(in: text).map(String.init)
        if let id, let earlier = lineOfID[id] {
            frame[earlier] = text
        } else {
            if let id { lineOfID[id] = frame.count }
            frame.append(text)
        }
    }

    static let idKey = Array("\"ID\":\"".utf8)

    /// The `"ID":"…"` value, found on the UTF-8 bytes without decoding the whole line.
    static func containerID(in line: String) -> Substring? {
        var line = line
        let offsets = line.withUTF8 { bytes -> Range<Int>? in
            guard let start = ByteSearch.end(of: idKey, in: bytes),
                  let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            return start..<end
        }
        guard let offsets else { return nil }
        let utf8 = line.utf8
        return line[utf8.index(utf8.startIndex, offsetBy: offsets.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: offsets.upperBound)]
    }
}
