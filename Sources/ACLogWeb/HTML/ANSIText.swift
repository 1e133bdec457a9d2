import ACLogRender

/// A line as a container printed it, as HTML: its text escaped, its ANSI colours and weights
/// (SGR) as spans of a fixed set of classes, every other escape sequence (cursor moves, OSC titles
/// and hyperlinks) removed, other control characters shown as their visible symbols (␛, ␇). No
/// character of the line can open a tag, an attribute or a link.
enum ANSIText {
    /// The most characters of one record shown; the rest is said, not shown.
    static let longest = 64 * 1024

    static func html(_ text: String) -> String {
        if isPlain(text) { return text.htmlEscaped }
        var out = ""
        var run = ""
        var style = Style()
        var openClasses = ""
        var shown = 0
        func flush() {
            guard !run.isEmpty else { return }
            let classes = style.classes
            if classes != openClasses {
                if !openClasses.isEmpty { out += "</span>" }
                if !classes.isEmpty { out += "<span class=\"\(classes)\">" }
                openClasses = classes
            }
            out += run.htmlEscaped
            run = ""
        }
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if shown >= longest {
                flush()
                if !openClasses.isEmpty { out += "</span>" }
                return out + "<span class=\"cut\"> … \(scalars.count - i) more characters not shown</span>"
            }
            switch c.value {
            case 0x1B:
                let (end, sgr) = escapeSequence(scalars, at: i)
                if let sgr {
                    flush()
                    style.apply(sgr)
                }
                i = end
                continue
            case 0x9B:    // the one-byte CSI
                var j = i + 1
                while j < scalars.count, !(0x40...0x7E).contains(scalars[j].value) { j += 1 }
                i = j + 1
                continue
            case 0x0A:
                // Spans close at each line's end, so a line can be folded away on its own.
                flush()
                if !openClasses.isEmpty { out += "</span>" }
                openClasses = ""
                out += "\n"
            case 0x09:
                run.unicodeScalars.append(c)
            case 0x0D:
                break
            case 0x00..<0x20:
                run.unicodeScalars.append(Unicode.Scalar(0x2400 + c.value)!)
            case 0x7F:
                run += "␡"
            case 0x80..<0xA0:
                run += "\u{FFFD}"
            default:
                run.unicodeScalars.append(c)
            }
            shown += 1
            i += 1
        }
        flush()
        if !openClasses.isEmpty { out += "</span>" }
        return out
    }

    /// Whether the text has nothing but printable characters, tabs and line ends (LF), and is
    /// short enough to show whole: then its HTML is the escaped text (most lines are).
    static func isPlain(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count <= longest else { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case 0x09, 0x0A, 0x20...0x7E: break
            case 0x80...0x9F where previous == 0xC2: return false    // U+0080 to U+009F, C1 controls
            case 0x80...: break
            default: return false
            }
            previous = byte
        }
        return true
    }

    /// Where the escape sequence starting at `start` ends, and its parameters when it is SGR.
    static func escapeSequence(_ s: [Unicode.Scalar], at start: Int) -> (end: Int, sgr: [Int]?) {
        let next = start + 1
        guard next < s.count else { return (next, nil) }
        switch s[next] {
        case "[":
            var j = next + 1
            var parameters = ""
            while j < s.count, !(0x40...0x7E).contains(s[j].value) {
                parameters.unicodeScalars.append(s[j])
                j += 1
            }
            guard j < s.count else { return (j, nil) }
            guard s[j] == "m" else { return (j + 1, nil) }
            let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
            return (j + 1, numbers.isEmpty ? [0] : numbers)
        case "]", "P", "_", "^", "X":
            // OSC and the other strings: until BEL or ESC \.
            var j = next + 1
            while j < s.count {
                if s[j] == "\u{07}" { return (j + 1, nil) }
                if s[j] == "\u{1B}" { return (j + 1 < s.count && s[j + 1] == "\\" ? j + 2 : j + 1, nil) }
                j += 1
            }
            return (j, nil)
        default:
            return (next + 1, nil)
        }
    }

    /// Colours and weights in force: only the 16 named colours become classes.
    struct Style {
        var foreground: Int?
        var background: Int?
        var bold = false, dim = false, italic = false, underline = false

        mutating func apply(_ codes: [Int]) {
            var k = 0
            while k < codes.count {
                let code = codes[k]
                switch code {
                case 0: self = Style()
                case 1: bold = true
                case 2: dim = true
                case 3: italic = true
                case 4: underline = true
                case 22: bold = false; dim = false
                case 23: italic = false
                case 24: underline = false
                case 30...37: foreground = code - 30
                case 90...97: foreground = code - 90 + 8
                case 39: foreground = nil
                case 40...47: background = code - 40
                case 100...107: background = code - 100 + 8
                case 49: background = nil
                case 38, 48:
                    // 256 colours: the first 16 are the named ones; others and RGB are left out.
                    if k + 2 < codes.count, codes[k + 1] == 5 {
                        let colour = codes[k + 2] < 16 ? codes[k + 2] : nil
                        if code == 38 { foreground = colour } else { background = colour }
                        k += 2
                    } else if k + 1 < codes.count, codes[k + 1] == 2 {
                        k += 4
                    }
                default: break
                }
                k += 1
            }
        }

        var classes: String {
            var names: [String] = []
            if let foreground { names.append("f\(foreground)") }
            if let background { names.append("b\(background)") }
            if bold { names.append("ab") }
            if dim { names.append("ad") }
            if italic { names.append("ai") }
            if underline { names.append("au") }
            return names.joined(separator: " ")
        }
    }
}
