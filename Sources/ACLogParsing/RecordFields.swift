import ACLogModel

/// A stored record's fields: what its format reads again from the first line of its message, then
/// what was stored with it because no format can read it again (a multi-line record's `record.*`
/// marks). A record stored without a format number (before migration 0007, or written by hand)
/// keeps all its fields in `stored`.
///
/// Storing them would cost about as many bytes again as the message: `http.path`, `client` and
/// `logger` are copies of text the message shows anyway.
public enum RecordFields {
    public static func json(format: Int?, message: String, stored: String?) -> String? {
        guard let format else { return stored }
        return fields(format: format, message: message, stored: stored).json
    }

    /// The integer `http.status`, as the writer counted the record's request at ingest.
    public static func httpStatus(format: Int?, message: String, stored: String?) -> Int? {
        if let format { return fields(format: format, message: message, stored: stored).httpStatus }
        guard var text = stored, let object = text.withUTF8(JSONObjectScanner.scalars),
              case .int(let code)? = object["http.status"] else { return nil }
        return code
    }

    /// Without a format, only what was stored.
    public static func fields(format: Int?, message: String, stored: String?) -> Fields {
        var fields = Fields()
        if let format, let parser = FormatCatalog.format(numbered: format) {
            let firstLine = message.utf8.firstIndex(of: UInt8(ascii: "\n")).map { String(message[..<$0]) } ?? message
            fields = parser.parse(LineBytes(firstLine))?.fields ?? Fields()
        }
        guard var text = stored, let extra = text.withUTF8(JSONObjectScanner.scalars) else { return fields }
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) {
            fields.set(key, scalar: value)
        }
        return fields
    }
}
