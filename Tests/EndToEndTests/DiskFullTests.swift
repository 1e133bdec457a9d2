import Foundation
import Testing

/// The database's file system fills up under a running collector: it says so once, keeps
/// answering queries, pauses its followers, and when there is room again stores every line once.
@Suite(.enabled(if: Harness.required || getuid() == 0, "needs root to mount a small tmpfs"))
struct DiskFullTests {
    let folder = NSTemporaryDirectory() + "aclog-full-\(UUID().uuidString.prefix(8))"

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    @Test func aFullDiskPausesTheCollectorAndNothingIsLost() throws {
        let mountPoint = folder + "/small"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mounted = try Harness.run("/bin/mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", mountPoint])
        try #require(mounted.status == 0, "mount: \(mounted.stderr)")
        defer { _ = try? Harness.run("/bin/umount", ["-l", mountPoint]) }
        let db = mountPoint + "/aclog.db"
        let docker = folder + "/docker"
        // 150,000 lines of 150 bytes (about 22 MB, far more than the 6 MB file system and the
        // writer's 50,000-record buffer hold), 4 ms apart, then the container stays up.
        try Harness.writeExecutable(docker, #"""
            #!/bin/sh
            case "$1" in
              version) echo 20.10.24 ;;
              ps) printf 'ffffffffffff\tfull-app\timg\trunning\tapp\tdocker\n' ;;
              events) sleep 300 ;;
              logs)
                awk 'BEGIN { pad = sprintf("%120s", ""); gsub(/ /, "p", pad);
                  for (i = 1; i <= 150000; i++) { s = int(i / 250); printf "2026-11-26T10:%02d:%02d.%09dZ line %d %s\n", int(s / 60), s % 60, (i % 250) * 4000000, i, pad } }'
                exec sleep 300 ;;
            esac
            """#)
        let collector = try CollectorProcess(arguments: ["collect", "--db", db, "--docker", docker, "--no-stats", "--keep-logs", "forever"],
                                             logPath: folder + "/collect.log")
        defer { if collector.process.isRunning { collector.kill(SIGKILL) } }
        let full = Scenario.wait(timeout: 60) { collector.log.contains("cannot write to the database") }
        try #require(full, "the file system never filled: \(collector.log)")
        // Queries keep working on a full disk.
        let tail = try Harness.aclog(["tail", "-n", "1", "-o", "raw", "--db", db])
        #expect(tail.status == 0 && tail.stdout.hasPrefix("line "), "\(tail.stderr)")
        // The buffer fills and the follower waits: its docker logs stops being read.
        let paused = Scenario.wait(timeout: 60) { collector.log.contains("the followers wait for the database") }
        #expect(paused, "\(collector.log)")
        #expect(collector.process.isRunning)

        let grown = try Harness.run("/bin/mount", ["-o", "remount,size=256m", mountPoint])
        try #require(grown.status == 0, "remount: \(grown.stderr)")
        let count = { () -> Int in
            let r = try? Harness.aclog(["sql", "SELECT count(*) AS n, count(DISTINCT message) AS d FROM records", "-o", "csv", "--db", db])
            return Int(r?.stdout.split(separator: "\n").last?.split(separator: ",").first ?? "") ?? -1
        }
        let all = Scenario.wait(timeout: 120) { count() >= 150_000 }
        collector.kill(SIGTERM)
        #expect(collector.waitForExit(timeout: 10)?.status == 0, "\(collector.log)")
        #expect(all, "stored \(count()) of 150000: \(collector.log)")
        let distinct = try Harness.aclog(["sql", "SELECT count(*) AS n, count(DISTINCT message) AS d FROM records", "-o", "csv", "--db", db])
        #expect(distinct.stdout.hasSuffix("\n150000,150000\n"), "\(distinct.stdout)")
        let log = collector.log
        #expect(log.components(separatedBy: "cannot write to the database").count - 1 == 1, "\(log)")
        #expect(log.contains("can be written again"), "\(log)")
        #expect(try Harness.aclog(["doctor", "--db", db]).status == 0)
    }
}
