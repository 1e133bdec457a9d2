import ACLogSQLite
import ACLogTextSearch
import CSQLite

/// The SQL function `aclog_match(message, pattern, mode, flags)`: 1 when a message matches a
/// search pattern (`SearchPattern`: mode 'text', 'fixed' or 'regex'; flags 1 ignore case, 2 whole
/// words), else 0. A scan gives SQLite the whole pattern, so it drops the rest before a row is
/// handed over and a count needs no row at all. The pattern is compiled once per statement (kept
/// as SQLite's auxiliary data of its argument); its required substring is looked for first on the
/// bytes where they lie (`SubstringFinder`), and the pattern itself is checked only where that is
/// not the whole answer (a regular expression, a phrase, a caseless match in a non-ASCII message).
/// Counting the records that hold a word over 10M took 1.44 s with it and 1.62 s with LIKE on the
/// word alone (`aclog sql "SELECT count(*) FROM records WHERE …"`, medians of 3), and LIKE leaves
/// the rest of the pattern to be checked on each row it lets through.
package enum PatternFunction {
    package static func register(on connection: SQLiteConnection) {
        sqlite3_create_function_v2(connection.handle, "aclog_match", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
                                   matchFunction, nil, nil, nil)
    }

    /// The arguments after the message that stand for `pattern`.
    static func arguments(_ pattern: SearchPattern) -> (text: String, mode: String, flags: Int64) {
        let mode = switch pattern.mode {
        case .text: "text"
        case .fixed: "fixed"
        case .regex: "regex"
        }
        return (pattern.text, mode, (pattern.ignoreCase ? 1 : 0) | (pattern.wholeWords ? 2 : 0))
    }
}

private func matchFunction(_ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let context, let arguments, count == 4 else { return }
    var kept = sqlite3_get_auxdata(context, 1)
    if kept == nil {
        guard let compiled = compile(arguments[1], arguments[2], arguments[3]) else {
            sqlite3_result_error(context, "aclog_match: not a pattern, or not one of the modes text, fixed and regex", -1)
            return
        }
        kept = Unmanaged.passRetained(compiled).toOpaque()
        sqlite3_set_auxdata(context, 1, kept) { Unmanaged<PatternMatcher>.fromOpaque($0!).release() }
        // SQLite may free it at once (when it cannot keep it); ask again.
        kept = sqlite3_get_auxdata(context, 1)
        guard kept != nil else {
            sqlite3_result_int(context, matches(compiled, arguments[0]) ? 1 : 0)
            return
        }
    }
    // Borrowed, not retained: SQLite holds the matcher while the statement runs.
    let found = Unmanaged<PatternMatcher>.fromOpaque(kept!)._withUnsafeGuaranteedRef { matches($0, arguments[0]) }
    sqlite3_result_int(context, found ? 1 : 0)
}

private func matches(_ matcher: PatternMatcher, _ message: OpaquePointer?) -> Bool {
    guard let text = sqlite3_value_text(message) else { return false }
    return matcher.matches(UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(message))))
}

private func compile(_ text: OpaquePointer?, _ mode: OpaquePointer?, _ flags: OpaquePointer?) -> PatternMatcher? {
    guard let text = sqlite3_value_text(text), let mode = sqlite3_value_text(mode) else { return nil }
    let pattern = String(cString: text)
    let options = sqlite3_value_int64(flags)
    let kind: SearchPattern.Mode
    switch String(cString: mode) {
    case "text": kind = .text
    case "fixed": kind = .fixed
    case "regex": kind = .regex
    default: return nil
    }
    guard let compiled = try? SearchPattern(pattern, mode: kind, ignoreCase: options & 1 != 0, wholeWords: options & 2 != 0) else { return nil }
    return PatternMatcher(compiled)
}

/// A search pattern compiled for messages as bytes.
final class PatternMatcher: Sendable {
    let pattern: SearchPattern
    /// A match holds one of these substrings (none: no substring is known).
    let finders: [SubstringFinder]

    init(_ pattern: SearchPattern) {
        self.pattern = pattern
        finders = pattern.scanNeedles.map { SubstringFinder($0.utf8, caseless: pattern.substringIgnoresCase) }
    }

    func matches(_ message: UnsafeBufferPointer<UInt8>) -> Bool {
        if !finders.isEmpty && !finders.contains(where: { $0.occurs(in: message) }) { return false }
        switch pattern.substringIsPattern {
        case .always: return true
        case .inASCII where SubstringFinder.isASCII(message): return true
        case .inASCII, .never: return pattern.expression.firstMatch(in: message) != nil
        }
    }
}
