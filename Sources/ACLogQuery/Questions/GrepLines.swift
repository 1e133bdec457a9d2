import ACLogModel
import ACLogSQLite

extension ReadOnlyDatabase {
    /// `grep` for a caller that prints: the matches made into lines as `render` says, on the
    /// threads that read them, handed to `write` as text in time order (several lines at a time
    /// where they lie in order), with each coverage gap's line (`gap`) where it falls. Taken when
    /// the window is read in row order and the question asks for no context and no limit; nil
    /// otherwise, and the caller asks `grep`. Else whether anything matched.
    ///
    /// Printing a common word's matches cost more than finding them: each record went to the
    /// printing thread whole. Here only its text does.
    public func grepLines(_ question: GrepQuestion, now: Int64 = Timestamp.now(),
                          render lines: LineRendering,
                          gap: (CoverageGap) -> String?,
                          write: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool? {
        guard question.context == (0, 0), question.maxMatches == nil else { return nil }
        let containers = try containers(for: question.scope.services)
        let window = question.scope.window
        let (since, until) = (window.from, window.to)
        guard try !usesIndex(question.pattern, plan: .automatic, containers: containers, since: since, until: until),
              let scan = try rowOrderScan(containers: containers, since: since, until: until, forced: false) else { return nil }
        let printed = if case .printed = lines { true } else { false }
        let pool = RenderedSpanPool()
        let spans = try spanReaders(question.pattern, printed ? "grep_printed_lines" : "grep_rows",
                                    wholeSpanQuery: printed ? "grep_printed_span" : nil, containers: containers, since: since, until: until,
                                    minLevel: question.scope.minLevel, spans: scan.spans) { (statement, labels) throws(StoreError) in
            try RenderedSpan(reading: statement, labels: labels, as: lines, reusing: pool.take())
        }
        defer { spans.stop() }
        var order = LineOrder(scan)
        var placer: GapPlacer?
        func place(_ gaps: [CoverageGap]) throws {
            for item in gaps {
                guard let line = gap(item) else { continue }
                var text = line + "\n"
                try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
            }
        }
        while var span = try spans.next() {
            defer { pool.recycle(&span) }
            try order.add(span) { run in
                var first = run.times.startIndex
                while first < run.times.endIndex {
                    let time = run.times[first]
                    if placer == nil { placer = try gapPlacer(containers: containers, window: window, firstMatch: time, now: now) }
                    if let due = placer?.nextTime, due < time { try place(placer?.before(time) ?? []) }
                    // The lines up to the next gap, in one write.
                    let due = placer?.nextTime ?? .max
                    var end = first + 1
                    while end < run.times.endIndex && run.times[end] <= due { end += 1 }
                    try write(run.lines(first..<end))
                    first = end
                }
            }
        }
        guard var placer else { return false }
        try place(placer.rest())
        return true
    }
}
