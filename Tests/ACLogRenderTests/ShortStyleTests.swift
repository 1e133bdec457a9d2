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
}
