/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
public enum CSVField {
    public static func quoted(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacing("\"", with: "\"\"") + "\"" : text
    }
}
