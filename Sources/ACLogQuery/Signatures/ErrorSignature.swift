import ACLogSQLite

/// A message with what varies between occurrences folded away, so that a thousand similar errors
/// are one row: a leading timestamp or format header is dropped; quoted values become `<str>`,
/// paths `<path>`, IPs `<ip>`, UUIDs `<uuid>`, timestamps `<time>`, hex ids `<hex>`, numbers `<n>`. One pass over the
/// bytes of the first line (this runs for every error record of a window). A stack trace is named
/// by its last exception's line, folded, and the innermost frame of the application's own code
/// (`StackTrace`): its first line, `Traceback (most recent call last):`, names no error.
public enum ErrorSignature {
    public static func of(_ message: String) -> String {
        if let trace = StackTrace(message) {
            let exception = folded(Array(trace.exception.utf8))
            return trace.frame.map { "\(exception) (at \($0.prefix(120)))" } ?? exception
        }
        return folded(Array(message.utf8.prefix { $0 != 10 }))
    }

    static func folded(_ line: [UInt8]) -> String {
        var i = headerEnd(line)
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        while i < line.count, out.count < 160 {
            let c = line[i]
            if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                if let close = line[(i + 1)...].firstIndex(of: c) {
                    out += Array("<str>".utf8)
                    i = close + 1
                    continue
                }
            }
            guard isTokenByte(c) else {
                out.append(c)
                i += 1
                continue
            }
            var j = i
            while j < line.count, isTokenByte(line[j]) { j += 1 }
            out += fold(Array(line[i..<j]))
            i = j
        }
        return String(decoding: out.prefix(160), as: UTF8.self)
    }

    static func isTokenByte(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0x80
            || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/") || c == UInt8(ascii: ":")
            || c == UInt8(ascii: "-") || c == UInt8(ascii: "@") || c == UInt8(ascii: "%") || c == UInt8(ascii: "+")
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) }

    /// One token: a whole path, IP, UUID, hex id or number is replaced; elsewhere digit runs are.
    static func fold(_ t: [UInt8]) -> [UInt8] {
        var token = t
        var suffix: [UInt8] = []
        // Sentence punctuation after a token ("6379." "bad:") is not part of it.
        while let last = token.last, last == UInt8(ascii: ".") || last == UInt8(ascii: ":") { suffix.insert(last, at: 0); token.removeLast() }
        if token.filter({ $0 == UInt8(ascii: "/") }).count >= 2 && !token.starts(with: Array("//".utf8)) { return Array("<path>".utf8) + suffix }
        if isIP(token) { return Array("<ip>".utf8) + suffix }
        if isTimestamp(token) { return Array("<time>".utf8) + suffix }
        if token.count == 36, [8, 13, 18, 23].allSatisfy({ token[$0] == UInt8(ascii: "-") }),
           token.enumerated().allSatisfy({ [8, 13, 18, 23].contains($0.offset) || isHex($0.element) }) {
            return Array("<uuid>".utf8) + suffix
        }
        let prefixed = token.starts(with: Array("0x".utf8))
        let hexBody = prefixed ? Array(token.dropFirst(2)) : token
        if !hexBody.isEmpty, hexBody.allSatisfy(isHex),
           prefixed || (hexBody.count >= 6 && hexBody.contains(where: isDigit) && hexBody.contains(where: { !isDigit($0) })) {
            return Array("<hex>".utf8) + suffix
        }
        var out: [UInt8] = []
        var k = 0
        while k < token.count {
            if isDigit(token[k]), k > 0, isLetter(token[k - 1]) {
                // Digits inside a word (`T13`, `v2`, `MY-010119` after its letters) stay as they are.
                while k < token.count, isDigit(token[k]) { out.append(token[k]); k += 1 }
                continue
            }
            if isDigit(token[k]) {
                var e = k
                while e < token.count, isDigit(token[e]) || (token[e] == UInt8(ascii: ".") && e + 1 < token.count && isDigit(token[e + 1])) { e += 1 }
                if e == token.count || !isLetter(token[e]) || unitLike(Array(token[e...])) {
                    out += Array("<n>".utf8)
                    k = e
                    continue
                }
            }
            out.append(token[k])
            k += 1
        }
        return out + suffix
    }

    static func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }

    /// `2019-04-09T13:56:37.790405Z` inside a message (a leading one is dropped as a header):
    /// folded whole, or its `T13` would make one signature per hour.
    static func isTimestamp(_ t: [UInt8]) -> Bool {
        guard t.count >= 16 else { return false }
        let digitsAt = { (range: Range<Int>) in t[range].allSatisfy(isDigit) }
        return digitsAt(0..<4) && t[4] == UInt8(ascii: "-") && digitsAt(5..<7) && t[7] == UInt8(ascii: "-") && digitsAt(8..<10)
            && (t[10] == UInt8(ascii: "T") || t[10] == UInt8(ascii: "t")) && digitsAt(11..<13) && t[13] == UInt8(ascii: ":")
    }

    /// `12ms`, `3s`, `40MB`: a number with a short unit is still a number.
    static func unitLike(_ rest: [UInt8]) -> Bool {
        let letters = rest.prefix(while: isLetter)
        return letters.count <= 3 && letters.count == rest.prefix(while: { isLetter($0) || isTokenByte($0) && !isDigit($0) }).count
    }

    static func isIP(_ t: [UInt8]) -> Bool {
        var parts = 0, digits = 0, i = 0
        while i < t.count {
            let c = t[i]
            if isDigit(c) {
                digits += 1
                if digits > 3 { return false }
            } else if c == UInt8(ascii: ".") && digits > 0 && parts < 3 {
                parts += 1
                digits = 0
            } else if c == UInt8(ascii: ":") && parts == 3 && digits > 0 {
                return t[(i + 1)...].allSatisfy(isDigit) && i + 1 < t.count
            } else {
                return false
            }
            i += 1
        }
        return parts == 3 && digits > 0
    }

    /// Where the message starts after an app timestamp (`2026-11-25 10:00:00.123`, `[2026-11-25 ... +0800]`,
    /// `2026/11/25 10:00:00`, `2026-11-25T02:00:00.1Z`) or a Redis header (`1:M 12 Jun 2023 22:18:26.030 * `).
    static func headerEnd(_ b: [UInt8]) -> Int {
        var i = b.first == UInt8(ascii: "[") ? 1 : 0
        let digitsAt = { (at: Int, n: Int) in at + n <= b.count && b[at..<(at + n)].allSatisfy(isDigit) }
        if digitsAt(i, 4), i + 19 <= b.count, b[i + 4] == b[i + 7], b[i + 4] == UInt8(ascii: "-") || b[i + 4] == UInt8(ascii: "/"),
           b[i + 10] == 32 || b[i + 10] == UInt8(ascii: "T"), b[i + 13] == UInt8(ascii: ":") {
            i += 19
            while i < b.count, b[i] != 32, b[i] != UInt8(ascii: "]") { i += 1 }
            if i + 6 <= b.count, b[i] == 32, b[i + 1] == UInt8(ascii: "+") || b[i + 1] == UInt8(ascii: "-"), digitsAt(i + 2, 4) { i += 6 }
            if i < b.count, b[i] == UInt8(ascii: "]") { i += 1 }
            while i < b.count, b[i] == 32 { i += 1 }
            return i
        }
        // Redis: pid:role then the date and time, then the level symbol.
        var j = 0
        while j < b.count, isDigit(b[j]) { j += 1 }
        if j > 0, j + 3 < b.count, b[j] == UInt8(ascii: ":"), "MSCX".utf8.contains(b[j + 1]), b[j + 2] == 32 {
            var k = j + 3, spaces = 0
            while k < b.count, spaces < 5 {
                if b[k] == 32 { spaces += 1 }
                k += 1
                if spaces == 4 && k < b.count && ".*#-".utf8.contains(b[k]) && k + 1 < b.count && b[k + 1] == 32 { return k + 2 }
                if spaces == 3 && digitsAt(k, 2) && k + 2 < b.count && b[k + 2] == UInt8(ascii: ":") {
                    // no year: `30 May 12:50:13.457 *`
                    var m = k
                    while m < b.count, b[m] != 32 { m += 1 }
                    if m + 2 < b.count, ".*#-".utf8.contains(b[m + 1]), b[m + 2] == 32 { return m + 3 }
                }
            }
        }
        return 0
    }
}
