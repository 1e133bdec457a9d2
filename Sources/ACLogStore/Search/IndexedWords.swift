/// Which words the full-text index keeps: every word unicode61 finds, except numbers of up to four
/// digits. Dates, times, IP octets, ports, status codes and counts are in nearly every line; their
/// entries were 44 % of the index and found nothing a search could not find through the words
/// around them. A search names such a number only to have it checked in the records the other
/// words find, or scanned for (`SearchPattern.ftsQuery`).
enum IndexedWords {
    static let shortestKeptNumber = 5

    static func keeps(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        token.count >= shortestKeptNumber || token.contains { $0 < UInt8(ascii: "0") || $0 > UInt8(ascii: "9") }
    }

    static func keeps(_ word: String) -> Bool {
        var word = word
        return word.withUTF8(keeps)
    }
}
