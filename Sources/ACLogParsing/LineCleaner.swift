/// Removes what a terminal would interpret rather than show: ANSI escape sequences and carriage
/// returns. A trailing `\r` (CRLF output of a TTY container) is dropped; one inside the line
/// (progress bars, `cr-only\rover`) becomes a space, so both parts stay readable and searchable.
public enum LineCleaner {
    /// The cleaned text, or nil when the line has nothing to clean (the common case, no copy made).
    public static func clean(_ line: String) -> String? {
        var text = line
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { $0 == 0x1B || $0 == 0x0D }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var end = bytes.count
            while end > 0 && bytes[end - 1] == 0x0D { end -= 1 }
            var i = 0
            while i < end {
                let b = bytes[i]
                if b == 0x1B {
                    i = skipEscape(bytes, from: i)
                    continue
                }
                if b == 0x0D {
                    out.append(UInt8(ascii: " "))
                } else {
                    out.append(b)
                }
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Index after the escape sequence starting at `start` (ESC): CSI `ESC [ params final`,
    /// OSC `ESC ] ... BEL` or `ESC ] ... ESC \`, or a two-byte escape.
    static func skipEscape(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start + 1
        guard i < b.count else { return i }
        switch b[i] {
        case UInt8(ascii: "["):
            i += 1
            while i < b.count, b[i] >= 0x20, b[i] <= 0x3F { i += 1 }  // parameters and intermediates
            return i < b.count && b[i] >= 0x40 && b[i] <= 0x7E ? i + 1 : i
        case UInt8(ascii: "]"):
            i += 1
            while i < b.count {
                if b[i] == 0x07 { return i + 1 }
                if b[i] == 0x1B, i + 1 < b.count, b[i + 1] == UInt8(ascii: "\\") { return i + 2 }
                i += 1
            }
            return i
        default:
            return i + 1
        }
    }
}
