/// Which words the full-text index keeps: every word unicode61 finds except the numbers of dates
/// and times: one or two digits (days, hours, minutes, seconds, and IP octets and small counts
/// besides), years 1900–2099 and `0000` (a UTC offset). They were 34 % of the index's entries and
/// find nothing a search could not find through the words around them. Three-digit numbers (HTTP
/// statuses) and other longer ones (ports, MySQL error numbers, ids) stay. A search that names a
/// left-out number has it checked in the records its other words find, or scans
/// (`SearchPattern.ftsQuery`).
package enum IndexedWords {
    package static func keeps(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard token.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return true }
        switch token.count {
        case 1, 2: return false
        case 4: return !(token.elementsEqual("0000".utf8) || token.starts(with: "19".utf8) || token.starts(with: "20".utf8))
        default: return true
        }
    }

    package static func keeps(_ word: String) -> Bool {
        var word = word
        return word.withUTF8(keeps)
    }
}
