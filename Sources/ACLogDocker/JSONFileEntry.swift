import FoundationEssentials

/// One line of Docker's json-file log: `{"log":"...","stream":"stdout","time":"..."}`. The engine
/// always writes these three keys in this order, so they are read directly; anything else goes
/// through JSONDecoder.
struct JSONFileEntry: Decodable {
    var log: String
    var stream: String
    var time: String

    static func parse(_ line: ArraySlice<UInt8>) -> JSONFileEntry? {
        fast(line) ?? (try? JSONDecoder().decode(JSONFileEntry.self, from: Data(line)))
    }

    static let head = Array(#"{"log":""#.utf8)
    static let middle = Array(#","stream":""#.utf8)
    static let tail = Array(#","time":""#.utf8)

    static func fast(_ line: ArraySlice<UInt8>) -> JSONFileEntry? {
        guard line.starts(with: head) else { return nil }
        var i = line.startIndex + head.count
        guard let log = string(line, &i), line[i...].starts(with: middle) else { return nil }
        i += middle.count
        guard let stream = string(line, &i), line[i...].starts(with: tail) else { return nil }
        i += tail.count
        guard let time = string(line, &i), i + 1 == line.endIndex, line[i] == UInt8(ascii: "}") else { return nil }
        return JSONFileEntry(log: log, stream: stream, time: time)
    }

    /// A JSON string body from `i` up to its closing quote (consumed), unescaped.
    static func string(_ b: ArraySlice<UInt8>, _ i: inout Int) -> String? {
        var out: [UInt8] = []
        var start = i
        while i < b.endIndex {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                if out.isEmpty {
                    let s = String(decoding: b[start..<i], as: UTF8.self)
                    i += 1
                    return s
                }
                out += b[start..<i]
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            guard c == UInt8(ascii: "\\") else { i += 1; continue }
            out += b[start..<i]
            guard i + 1 < b.endIndex else { return nil }
            let e = b[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(b, i) else { return nil }
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard i + 6 <= b.endIndex, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u"),
                          let low = hex4(b, i + 2), low >= 0xDC00 && low < 0xE000 else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                out += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
            default:
                return nil
            }
            start = i
        }
        return nil
    }

    static func hex4(_ b: ArraySlice<UInt8>, _ i: Int) -> UInt32? {
        guard i + 4 <= b.endIndex else { return nil }
        var v: UInt32 = 0
        for k in i..<(i + 4) {
            let c = b[k]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 97...102: d = UInt32(c - 87)
            case 65...70: d = UInt32(c - 55)
            default: return nil
            }
            v = v * 16 + d
        }
        return v
    }
}
