import ACLogModel
@testable import ACLogQuery
@testable import ACLogRender
import Testing

/// The terminal's columns stay put and each service keeps its colour (issue 16).
@Suite struct ShortStyleTests {
    let style = ShortStyle(utc: true, colour: false, serviceWidth: 12)

    @Test func aLongerServiceNameIsShortenedToTheColumn() {
        #expect(style.column("redis") == "redis       ")
        let long = style.column("agentchat-backend-worker")
        #expect(long.count == 12 && long.hasPrefix("agent") && long.hasSuffix("worker") && long.contains("…"), "\(long)")
    }

    @Test func aServiceKeepsItsColourAndNoServiceGetsALevelsColour() {
        #expect(LevelColour.service("backend") == LevelColour.service("backend"))
        let colours = Set(["backend", "redis", "mysql", "frontend", "minio", "nginx", "worker", "db"].map(LevelColour.service))
        #expect(colours.count >= 4)
        for level in Level.allCases { if let code = LevelColour.code(level) { #expect(!colours.contains(code)) } }
    }

    @Test func anEventStandsInTheRecordsColumns() {
        let event = StoredEvent(id: 1, time: 1_795_680_000 * Timestamp.nanosPerSecond, service: "backend", container: "app-backend-1",
                                action: "die", exitCode: 137, detail: nil)
        let line = style.render(event)
        #expect(line.hasSuffix(" backend      ----- exited with code 137 (app-backend-1)"), "\(line)")
        let record = StoredRecord(id: 2, time: event.time, service: "backend", container: "app-backend-1", containerID: "abc",
                                  stream: .stdout, level: .error, message: "boom", raw: nil, storedFields: nil, format: nil, containerRow: nil)
        #expect(style.render(record).hasSuffix(" backend      ERROR boom"))
        #expect(EventJSON.object(event).contains("\"type\":\"event\"") && EventJSON.object(event).contains("\"exit_code\":137"))
    }

    /// grep's short lines made from the rows' bytes are `render`'s: every level, a service longer
    /// than the column and one with a non-ASCII name, messages empty and non-ASCII, times in one
    /// second and across seconds, before 1970 too, in UTC and in local time.
    @Test(arguments: [true, false])
    func linesMadeFromRowsAreTheRenderedOnes(utc: Bool) {
        let style = ShortStyle(utc: utc, colour: false, serviceWidth: 12)
        var maker = ShortLines(style)
        let services = ["redis", "agentchat-backend-worker", "frontend-é"]
        let messages = ["GET /api 200", "", "café ✓ done", String(repeating: "x", count: 3_000)]
        let base = 1_795_680_000 * Timestamp.nanosPerSecond
        var times = [0, -1, -999_999_999, -1_000_000_001, -86_400_000_000_123] as [Int64]
        times += (0..<2_000).map { base + Int64($0) * 137_123_457 }
        for (i, time) in times.enumerated() {
            let record = StoredRecord(id: Int64(i), time: time, service: services[i % 3], container: "c", containerID: "x",
                                      stream: .stdout, level: Level.allCases[i % Level.allCases.count], message: messages[i % 4],
                                      raw: nil, storedFields: nil, format: nil, containerRow: Int64(i % 3))
            var line: [UInt8] = []
            Array(record.message.utf8).withUnsafeBytes { bytes in
                maker.append(MatchedRow(time: time, level: record.level, container: Int64(i % 3), service: record.service,
                                        message: bytes), to: &line)
            }
            #expect(String(decoding: line, as: UTF8.self) == style.render(record), "time \(time)")
        }
    }

    /// grep makes its lines from the rows only where they look the same: without colour, and in
    /// the short or raw format.
    @Test func grepMakesLinesFromRowsOnlyWithoutColour() {
        func kind(_ format: RecordFormat, colour: Bool) -> String {
            switch LogLines(format: format, style: ShortStyle(utc: true, colour: colour, serviceWidth: 12)).grepRendering {
            case .records: "records"
            case .rows: "rows"
            case .printed: "printed"
            }
        }
        #expect(kind(.short, colour: false) == "rows")
        #expect(kind(.short, colour: true) == "records")
        #expect(kind(.json, colour: false) == "records")
        #expect(kind(.raw, colour: true) == "printed")
    }
}
