import ACLogSQLite
import CSQLite

/// The SQL aggregate `aclog_print_matches(sink, id, time, message, raw, pattern, mode, flags)`:
/// appends the line of each row whose message matches the pattern (`raw`, or the message when it
/// is NULL) to the `RenderedSpan` that `sink` points to (bound with
/// `SQLiteStatement.bind(pointer:)`), and gives the number of lines. A span's matches reach aclog
/// in one step of the statement, each row checked and taken in one call: for a word on half of
/// 10M records, handing each match over as a row cost more than finding it.
enum PrintedMatchesFunction {
    static let pointerType: StaticString = "aclog_rendered_span"

    static func register(on connection: SQLiteConnection) {
        sqlite3_create_function_v2(connection.handle, "aclog_print_matches", 8, SQLITE_UTF8, nil,
                                   nil, printStep, printFinal, nil)
    }
}

/// What the aggregate keeps between rows, in the context memory SQLite gives it zeroed.
private struct PrintState {
    /// A retained PatternMatcher, and the span: both taken on the first row.
    var matcher: UnsafeMutableRawPointer?
    var sink: UnsafeMutableRawPointer?
    var lines: Int64
}

private func printStep(_ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let context, let arguments, count == 8,
          let memory = sqlite3_aggregate_context(context, Int32(MemoryLayout<PrintState>.size)) else { return }
    let state = memory.assumingMemoryBound(to: PrintState.self)
    if state.pointee.matcher == nil {
        guard let matcher = PatternMatcher(arguments[5], arguments[6], arguments[7]) else {
            sqlite3_result_error(context, "aclog_print_matches: not a pattern, or not one of the modes text, fixed and regex", -1)
            return
        }
        guard let sink = SQLiteStatement.pointer(in: arguments[0], type: PrintedMatchesFunction.pointerType) else {
            sqlite3_result_error(context, "aclog_print_matches: no span to print to", -1)
            return
        }
        state.pointee.matcher = Unmanaged.passRetained(matcher).toOpaque()
        state.pointee.sink = sink
    }
    let matched = Unmanaged<PatternMatcher>.fromOpaque(state.pointee.matcher!)._withUnsafeGuaranteedRef {
        $0.matches(value: arguments[3])
    }
    guard matched else { return }
    let line = sqlite3_value_type(arguments[4]) == SQLITE_NULL ? arguments[3] : arguments[4]
    let text = UnsafeRawBufferPointer(start: sqlite3_value_text(line), count: Int(sqlite3_value_bytes(line)))
    state.pointee.sink!.assumingMemoryBound(to: RenderedSpan.self).pointee
        .append(bytes: text, time: sqlite3_value_int64(arguments[2]), id: sqlite3_value_int64(arguments[1]))
    state.pointee.lines += 1
}

/// Called once the rows are done, or when the statement is reset before: the matcher goes.
private func printFinal(_ context: OpaquePointer?) {
    guard let context else { return }
    let state = sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: PrintState.self)
    if let matcher = state?.pointee.matcher { Unmanaged<PatternMatcher>.fromOpaque(matcher).release() }
    sqlite3_result_int64(context, state?.pointee.lines ?? 0)
}
