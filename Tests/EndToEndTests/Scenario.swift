import Foundation
import Testing

/// Containers for the end-to-end tests: busybox loops replaying corpus lines, tagged with sequence
/// numbers, under compose labels.
enum Scenario {
    static let image = "aclog-busybox"

    /// A shell loop printing `passes` × the lines of `file`, each as "<seq> <line>", to `stream`.
    static func loop(_ file: String, passes: Int, pause: String, toStderr: Bool) -> String {
        let redirect = toStderr ? " >&2" : ""
        return "( seq=0; pass=0; while [ $pass -lt \(passes) ]; do pass=$((pass+1)); "
            + "while IFS= read -r line; do seq=$((seq+1)); printf '%s %s\\n' \"$seq\" \"$line\"\(redirect); sleep \(pause); done < /fix/\(file); done )"
    }

    /// What `loop` prints.
    static func expected(_ file: String, passes: Int) -> [String] {
        let lines = Harness.fixtureLines(file)
        var out: [String] = []
        for _ in 0..<passes { for line in lines { out.append("\(out.count + 1) \(line)") } }
        return out
    }

    /// Starts a detached container running `script`, then sleeping unless told not to; returns its full id.
    @discardableResult
    static func start(name: String, service: String, project: String, script: String, keepRunning: Bool = true) throws -> String {
        let result = try Harness.run("docker", ["run", "-d", "--name", name, "--network", "none",
            "--label", "com.docker.compose.service=\(service)", "--label", "com.docker.compose.project=\(project)",
            "-v", "\(Harness.fixtures.path):/fix:ro", image, "sh", "-c", script + (keepRunning ? "; exec sleep 3600" : "")])
        try #require(result.status == 0, "docker run \(name): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Removes every container of the private engine: each test starts from a clean engine.
    static func removeAllContainers() throws {
        let ids = try Harness.docker("ps", "-aq").stdout.split(separator: "\n").map(String.init)
        if !ids.isEmpty { try Harness.run("docker", ["rm", "-f"] + ids) }
    }

    /// stdout and stderr lines Docker holds for a container.
    static func dockerLogs(_ id: String) throws -> (stdout: [String], stderr: [String]) {
        let result = try Harness.docker("logs", id)
        func lines(_ text: String) -> [String] {
            // Split on the byte: "\r\n" is one Character, and a CR must stay in the line.
            var l = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
            if l.last == "" { l.removeLast() }
            return l
        }
        return (lines(result.stdout), lines(result.stderr))
    }

    /// Polls until `condition` holds or `timeout` passes; returns whether it held.
    static func wait(timeout: TimeInterval, every: TimeInterval = 0.2, _ condition: () throws -> Bool) rethrows -> Bool {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: every)
        }
        return try condition()
    }
}

/// One line of `aclog tail -o json`.
struct TailLine {
    var containerID: String
    var stream: String
    var service: String
    var level: String
    var message: String
    /// The line as printed, when it differs from `message` (ANSI codes, carriage returns).
    var raw: String?
    var time: String

    var printed: String { raw ?? message }

    /// The printed lines of this record (several for a traceback).
    var printedLines: [String] {
        printed.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    /// The records of `tail -o json` output; gap markers (`"type":"gap"`) are left out.
    static func parse(_ output: String) throws -> [TailLine] {
        try objects(output).filter { $0["type"] == nil }.map { object in
            #expect(Set(object.keys).isSuperset(of: ["time", "service", "container", "stream", "level", "message", "fields"]))
            return TailLine(
                containerID: object["container_id"] as? String ?? "", stream: object["stream"] as? String ?? "",
                service: object["service"] as? String ?? "", level: object["level"] as? String ?? "",
                message: object["message"] as? String ?? "", raw: object["raw"] as? String,
                time: object["time"] as? String ?? "")
        }
    }

    /// The gap markers of `tail -o json` or `grep -o json` output.
    static func gaps(_ output: String) throws -> [[String: Any]] {
        try objects(output).filter { $0["type"] as? String == "gap" }
    }

    static func objects(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }
}
