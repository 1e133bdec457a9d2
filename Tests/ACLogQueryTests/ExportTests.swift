import ACLogModel
@testable import ACLogQuery
import ACLogStore
import ACLogTestSupport
import Foundation
import Testing

/// `aclog export` (issue 19): the window's database answers as the whole one does for that window,
/// judging new errors and bursts against what came before it, and holds nothing else.
@Suite struct ExportTests {
    /// TimelineTests' history: a day of errors before t0, then deploys, bursts, crashes.
    let fixture: TimelineTests
    let exported = temporaryDatabase()

    init() throws {
        fixture = try TimelineTests()
        // A signature seen two days before the window: not new in it, in the export either.
        try fixture.addEarlierKeyError(daysBefore: 2)
        try? FileManager.default.removeItem(atPath: exported)
    }

    @Test func theExportAnswersItsWindowAsTheWholeDatabaseDoes() throws {
        let (since, until) = (TimelineTests.t0, TimelineTests.t0 + 30 * TimelineTests.minute)
        let source = try ReadOnlyDatabase(path: fixture.path)
        let written = try WindowExport(since: since, until: until).write(from: source, to: exported)
        let copy = try ReadOnlyDatabase(path: exported)
        #expect(try copy.exportedWindow().map { [$0.since, $0.until] } == [since, until])
        #expect(written.records == 80 + 1 + 5)  // the burst, the traceback, the worker's lines

        let question = TimelineQuestion(since: since, until: until, detail: true)
        let whole = try source.timeline(question, now: until), part = try copy.timeline(question, now: until)
        #expect(TimelineTests.describe(part) == TimelineTests.describe(whole))
        #expect(part.map(\.context) == whole.map(\.context))
        // Nothing new about the KeyError of the week before; the burst against the day before.
        #expect(!part.contains { $0.kind == .newError && $0.summary.contains("KeyError") })
        #expect(part.contains { $0.summary == "error burst: 81 errors in 2 min (usually under 0.1 a minute)" })

        func records(_ db: ReadOnlyDatabase, _ since: Int64, _ until: Int64) throws -> [String] {
            var lines: [String] = []
            try db.tail(TailQuestion(RecordScope(window: TimeWindow(since: since, until: until))), now: until) { entry in
                if case .record(let r, _) = entry { lines.append("\(r.time) \(r.service) \(r.message)") }
                if case .event(let e) = entry { lines.append("\(e.time) \(e.service) \(e.summary)") }
            }
            return lines
        }
        #expect(try records(copy, since, until) == records(source, since, until))
        // Nothing of the day before: the export starts where its window does.
        #expect(try records(copy, since - 48 * 60 * TimelineTests.minute, until) == records(source, since, until))
        let errors = try copy.errors(ErrorsQuestion(since: since, until: until, bucket: until - since))
        let full = try source.errors(ErrorsQuestion(since: since, until: until, bucket: until - since))
        #expect(errors.buckets == full.buckets && errors.signatures == full.signatures)
    }

    @Test func oneServiceOnlyAndTheSearchIndexWorks() throws {
        let (since, until) = (TimelineTests.t0, TimelineTests.t0 + 30 * TimelineTests.minute)
        _ = try WindowExport(services: ["worker"], since: since, until: until).write(from: try ReadOnlyDatabase(path: fixture.path), to: exported)
        let copy = try ReadOnlyDatabase(path: exported)
        #expect(try copy.serviceNames() == ["worker"])
        var found: [String] = []
        _ = try copy.grep(GrepQuestion(try SearchPattern("line", mode: .text), in: RecordScope(window: TimeWindow(since: since, until: until)))) { entry in
            if case .record(let r, _) = entry { found.append(r.message) }
        }
        #expect(found == (0..<5).map { "worker line \($0)" })
        // The file is the owner's alone.
        var info = stat()
        stat(exported, &info)
        #expect(info.st_mode & 0o077 == 0)
    }

    @Test func aWindowIsWidenedToWholeMinutes() {
        let export = WindowExport(since: TimelineTests.t0 + 90 * TimelineTests.second, until: TimelineTests.t0 + 150 * TimelineTests.second)
        #expect(export.since == TimelineTests.t0 + TimelineTests.minute && export.until == TimelineTests.t0 + 3 * TimelineTests.minute)
    }
}
