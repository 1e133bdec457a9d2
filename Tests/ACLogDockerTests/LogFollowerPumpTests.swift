@testable import ACLogDocker
import ACLogModel
import Subprocess
import Synchronization
import Testing

@Suite struct LogFollowerPumpTests {
    final class Received: Sendable {
        let lines = Mutex<[(LogStream, DockerLine)]>([])
    }

    @Test func stderrLinesWithoutTimestampAreTheCLIsOwnMessages() async throws {
        let chunks: [[UInt8]] = [
            Array("2026-11-26T17:43:33.804466679Z boom\nError response from daemon: can not get logs".utf8),
            Array(" from container which is dead or marked for removal\n".utf8),
        ]
        let received = Received()
        let messages = try await LogFollower.pump(chunks.async, stream: .stderr) { stream, lines in
            received.lines.withLock { $0 += lines.map { (stream, $0) } }
        }
        #expect(messages == ["Error response from daemon: can not get logs from container which is dead or marked for removal"])
        let lines = received.lines.withLock { $0 }
        #expect(lines.count == 1)
        #expect(lines.first?.1.text == "boom")
        #expect(lines.first?.0 == .stderr)
    }

    @Test func stdoutTTYLinesKeepTheirCarriageReturnForTheCleaner() async throws {
        let received = Received()
        _ = try await LogFollower.pump([fixture("logs-tty.stdout.raw")].async, stream: .stdout) { stream, lines in
            received.lines.withLock { $0 += lines.map { (stream, $0) } }
        }
        let lines = received.lines.withLock { $0 }
        #expect(lines.map(\.1.text) == ["out line\r", "err line\r", "\u{1B}[33myellow\u{1B}[0m\r"])
        #expect(lines.allSatisfy { $0.1.time != nil })
    }

    /// A `docker logs` that a signal ended was stopped, not failed: no gap comes of it.
    @Test func aSignalStopsAFollowerItDoesNotFailIt() {
        #expect(LogFollower.wasStopped(.exited(130)) && LogFollower.wasStopped(.exited(143)) && LogFollower.wasStopped(.exited(137)))
        #expect(LogFollower.wasStopped(.signaled(2)) && LogFollower.wasStopped(.signaled(15)))
        #expect(!LogFollower.wasStopped(.exited(1)) && !LogFollower.wasStopped(.exited(0)) && !LogFollower.wasStopped(.signaled(11)))
    }
}

extension Array where Element == [UInt8] {
    /// The chunks as an async sequence, as a pipe would deliver them.
    var async: AsyncStream<[UInt8]> {
        AsyncStream { continuation in
            for chunk in self { continuation.yield(chunk) }
            continuation.finish()
        }
    }
}
