import Foundation
import Testing
@testable import ACLogModel

@Suite struct JSONStringTests {
    /// Whatever the text, the quoted form is a JSON string that reads back as the same text.
    @Test(arguments: ["plain", "", "quote \" and \\ backslash", "tab\there\r\nnew line", "\u{1B}[31mred\u{1B}[0m \u{7F} \u{0}",
                      "é ü ß 中文 😀", "/slash/ stays", "\u{1F}\u{01}"])
    func quotedTextReadsBack(_ text: String) throws {
        let quoted = JSONString.quoted(text)
        let back = try JSONSerialization.jsonObject(with: Data(("[" + quoted + "]").utf8)) as? [String]
        #expect(back == [text], "\(quoted)")
        // Only escapes are added: no raw control character stays in the output.
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    @Test func escapesAreTheShortOnesWhereJSONHasThem() {
        #expect(JSONString.quoted("a\"b\\c\nd\re\tf\u{1B}g") == #""a\"b\\c\nd\re\tf\u001bg""#)
    }
}
