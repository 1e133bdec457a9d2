import Foundation
import Testing

/// A collector killed with SIGKILL cannot stop its `docker logs -f`, `docker events` and
/// `docker stats`: nothing may outlive it by more than 2 s, and what an earlier run left behind
/// is stopped by the next.
extension CollectorEndToEndTests {
    @Test func nothingOutlivesAKilledCollector() throws {
        // A quiet container: its `docker logs --follow` never ends by itself.
        _ = try Scenario.start(name: "orph-quiet", service: "quiet", project: "orph", script: "true")
        let first = try CollectorProcess(database: database, logPath: folder + "/first.log")
        defer { first.kill(SIGKILL) }
        let firstChildren = try dockerChildren(of: first)
        let killedAt = Date()
        first.kill(SIGKILL)
        let gone = Scenario.wait(timeout: 5) { firstChildren.allSatisfy { !isRunning($0.pid) } }
        let seconds = Date().timeIntervalSince(killedAt)
        #expect(gone && seconds <= 2, "after \(seconds) s still running: \(firstChildren.filter { isRunning($0.pid) })")

        // A collector whose guard was killed too (kill -9 of every aclog) leaves them running,
        // until the next collector starts.
        let second = try CollectorProcess(database: database, logPath: folder + "/second.log")
        defer { second.kill(SIGKILL) }
        let secondAll = try dockerChildren(of: second)
        let guardProcess = try #require(children(of: second.pid).first { $0.arguments.contains("guard-children") })
        kill(guardProcess.pid, SIGKILL)
        second.kill(SIGKILL)
        _ = second.waitForExit(timeout: 5)
        Thread.sleep(forTimeInterval: 1)
        // `docker stats` dies of SIGPIPE at its next write; the quiet ones never write.
        let secondChildren = secondAll.filter { ["logs", "events"].contains($0.arguments.dropFirst().first) }
        try #require(secondChildren.count == 2 && secondChildren.allSatisfy { isRunning($0.pid) },
                     "the test needs leftovers: \(secondAll)")

        let third = try CollectorProcess(database: database, logPath: folder + "/third.log")
        defer { third.kill(SIGKILL) }
        let swept = Scenario.wait(timeout: 10) { secondChildren.allSatisfy { !isRunning($0.pid) } }
        #expect(swept, "still running: \(secondChildren.filter { isRunning($0.pid) })")
        // Two, or three when `docker stats` had not written yet.
        let sweptCount = third.log.firstMatch(of: /stopped (\d) docker processes an earlier collector left running/).flatMap { Int($0.1) }
        #expect(sweptCount == 2 || sweptCount == 3, "\(third.log)")
        // The third collector's own followers were left alone.
        let thirdChildren = try dockerChildren(of: third)
        #expect(thirdChildren.allSatisfy { isRunning($0.pid) })
        third.kill(SIGTERM)
        #expect(third.waitForExit(timeout: 10)?.status == 0, "\(third.log)")
        let stopped = Scenario.wait(timeout: 5) { thirdChildren.allSatisfy { !isRunning($0.pid) } }
        #expect(stopped)
    }

    /// Waits until the collector follows the quiet container, the events and the stats; returns
    /// those docker processes.
    func dockerChildren(of collector: CollectorProcess) throws -> [ChildProcess] {
        var found: [ChildProcess] = []
        let ready = Scenario.wait(timeout: 20) {
            found = children(of: collector.pid).filter { $0.arguments.first?.hasSuffix("docker") == true }
            let commands = Set(found.compactMap { $0.arguments.dropFirst().first })
            return commands.isSuperset(of: ["logs", "events", "stats"])
        }
        try #require(ready, "the collector did not start its docker processes: \(found)\n\(collector.log)")
        return found
    }
}

struct ChildProcess: CustomStringConvertible {
    let pid: Int32
    let arguments: [String]

    var description: String { "\(pid) \(arguments.joined(separator: " "))" }
}

/// The processes whose parent is `parent`, from /proc.
func children(of parent: Int32) -> [ChildProcess] {
    let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(Int32.init)
    return pids.compactMap { pid in
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 1, Int32(fields[1]) == parent,
              let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
        return ChildProcess(pid: pid, arguments: cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
    }
}

/// Whether the process runs (a zombie has ended).
func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return false }
    return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
}
