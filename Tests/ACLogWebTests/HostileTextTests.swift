import ACLogModel
@testable import ACLogWeb
import Testing

/// Log text is written by whoever controls a container: as HTML it is only ever text.
@Suite struct HostileTextTests {
    @Test(arguments: [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</textarea><script>x</script>",
        "\"><svg onload=alert(1)>", "' onmouseover='alert(1)", "<a href=\"javascript:alert(1)\">x</a>", "&lt;already&gt;",
    ])
    func markupIsEscaped(_ line: String) {
        let html = ANSIText.html(line)
        #expect(!html.contains("<") && !html.contains(">") && !html.contains("\"") && !html.contains("'"))
        #expect(html.contains("&lt;") || html.contains("&quot;") || html.contains("&#39;") || html.contains("&amp;"))
    }

    @Test func ansiColoursBecomeClassesOfAFixedSet() {
        #expect(ANSIText.html("\u{1B}[31mred\u{1B}[0m plain") == "<span class=\"f1\">red</span> plain")
        #expect(ANSIText.html("\u{1B}[1;92;44mx\u{1B}[22my") == "<span class=\"f10 b4 ab\">x</span><span class=\"f10 b4\">y</span>")
        #expect(ANSIText.html("\u{1B}[38;5;200mx\u{1B}[38;2;1;2;3my") == "xy")
        // A colour span closes at the end of each line, so a line folds on its own.
        #expect(ANSIText.html("\u{1B}[33ma\nb") == "<span class=\"f3\">a</span>\n<span class=\"f3\">b</span>")
    }

    @Test func otherEscapesAreRemovedAndControlsShown() {
        #expect(ANSIText.html("a\u{1B}]0;TITLE\u{07}b") == "ab")
        #expect(ANSIText.html("\u{1B}]8;;javascript:alert(1)\u{1B}\\link\u{1B}]8;;\u{1B}\\") == "link")
        #expect(ANSIText.html("a\u{1B}[2Kb\u{1B}[10;20Hc") == "abc")
        #expect(ANSIText.html("bell\u{07} nul\u{00} del\u{7F} c1\u{85}") == "bell␇ nul␀ del␡ c1\u{FFFD}")
        #expect(ANSIText.html("cr\r\n") == "cr\n")
        #expect(ANSIText.html("unfinished \u{1B}[31") == "unfinished ")
    }

    @Test func aHugeLineIsCutAndSaysSo() {
        let html = ANSIText.html(String(repeating: "A", count: ANSIText.longest + 1_000))
        #expect(html.hasSuffix("<span class=\"cut\"> … 1000 more characters not shown</span>"))
    }

    @Test func eventStreamDataCannotEndItsEventEarly() {
        let message = EventStreamMessage(event: "rows", data: "a\nb\r\nc\rd")
        #expect(message.wire == "event: rows\ndata: a\ndata: b\ndata: c\ndata: d\n\n")
        #expect(EventStreamMessage.keepAlive.wire == ": keep-alive\n\n")
        // Blank lines stay (as empty data lines); no other character ends a line.
        #expect(EventStreamMessage(data: "a\r\n\r\nb").wire == "data: a\ndata: \ndata: b\n\n")
        #expect(EventStreamMessage(data: "a\u{2028}b\u{85}c").wire == "data: a\u{2028}b\u{85}c\n\n")
    }

    @Test func aQuoteOrBracketWithACombiningMarkIsStillEscaped() {
        // `"` and U+0301 are one Character, as are `<` and U+0338: escaping by Character missed them.
        let html = ANSIText.html("x\"\u{301} onmouseover=alert(1) <\u{338}script>")
        #expect(!html.contains("\"") && !html.contains("<"))
        #expect("a\"\u{301}'\u{301}".htmlEscaped == "a&quot;\u{301}&#39;\u{301}")
    }

    @Test func controlCharactersAreShownWhereverTheyAre() {
        #expect(ANSIText.html("tab\there, bell\u{07} and next-line\u{85}.") == "tab\there, bell␇ and next-line\u{FFFD}.")
        #expect(ANSIText.html("é <b> 日本\nsecond") == "é &lt;b&gt; 日本\nsecond")
    }

    @Test func queryTextIsDecodedAndReEncoded() {
        let request = WebRequest(target: "/logs?q=%3Cscript%3E+x&service=a,b&service=c&field=http.status%3E%3D500&bad=%zz%4")
        #expect(request.parameter("q") == "<script> x")
        #expect(request.parameters("service", splittingCommas: true) == ["a", "b", "c"])
        #expect(request.parameter("field") == "http.status>=500")
        #expect(request.parameter("bad") == "%zz%4")
        #expect(URLText.component("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9")
    }
}
