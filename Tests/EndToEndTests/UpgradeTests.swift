@testable import ACLogSQLite
import Foundation
import Testing

/// A database written by each earlier schema version, holding records, events, gaps, runs and
/// (from version 3) resource samples, is upgraded by the current binary with nothing lost: every
/// command answers it as it answers the same data written at today's version.
@Suite struct UpgradeTests {
    let folder = NSTemporaryDirectory() + "aclog-upgrade-\(UUID().uuidString.prefix(8))"
    /// Two hours ago, on the minute: the data spans the hour after.
    let base: Int64 = {
        let now = Int64(Date().timeIntervalSince1970) * 1_000_000_000
        let minute: Int64 = 60_000_000_000
        return (now - 2 * 3_600_000_000_000) / minute * minute
    }()

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    static let earlierVersions = Array(1..<EmbeddedSQL.migrations.count)

    @Test(arguments: earlierVersions)
    func aDatabaseOfAnEarlierVersionIsUpgradedWithNothingLost(version: Int) throws {
        let old = folder + "/v\(version).db", reference = folder + "/v\(version)-today.db"
        try write(path: old, schemaVersion: version, dataOfVersion: version)
        try write(path: reference, schemaVersion: EmbeddedSQL.migrations.count, dataOfVersion: version)

        // A fixed window: an open one ends now, which differs from one command to the next.
        let window = ["--since", rfc3339(base - 3_600_000_000_000), "--until", rfc3339(base + 2 * 3_600_000_000_000)]
        let commands: [[String]] = [
            ["tail", "-o", "json", "-n", "100000"] + window,
            ["grep", "timeout", "-o", "json"] + window,
            ["grep", "-c", "GET"] + window,
            ["errors", "-o", "json"] + window,
            ["ps", "-o", "json"],
            ["timeline", "-o", "json"] + window,
            ["trend", "--metric", "all", "--bucket", "30s", "-o", "json"] + window,
            ["sql", "SELECT count(*), sum(errors), sum(server_errors) FROM record_counts"],
        ]
        for command in commands {
            let upgraded = try Harness.aclog(command + ["--db", old])
            let today = try Harness.aclog(command + ["--db", reference])
            #expect(upgraded.status == today.status, "\(command): \(upgraded.stderr) / \(today.stderr)")
            let (a, b) = (upgraded.stdout.split(separator: "\n"), today.stdout.split(separator: "\n"))
            let differing = zip(a, b).first { $0 != $1 }.map { "upgraded: \($0.0)\ntoday:    \($0.1)" } ?? "\(a.count) lines against \(b.count)"
            #expect(upgraded.stdout == today.stdout, "\(command) at version \(version):\n\(differing)")
        }
        // What was written is there: every record and event, and the samples from version 3.
        let tail = try Harness.aclog(["tail", "-o", "json", "-n", "100000", "--db", old] + window)
        #expect(tail.stdout.split(separator: "\n").filter { !$0.contains("\"type\":") }.count == 120, "\(tail.stdout.prefix(300))")
        let trend = try Harness.aclog(["trend", "api", "--metric", "mem", "--bucket", "30s", "-o", "json", "--db", old] + window)
        #expect(version >= 3 ? trend.stdout.contains("\"peak\":") : trend.status != 0, "\(trend.stdout) \(trend.stderr)")
        let schema = try Harness.aclog(["sql", "PRAGMA user_version", "--db", old])
        #expect(schema.stdout.contains("\(EmbeddedSQL.migrations.count)"), "\(schema.stdout)")
        let doctor = try Harness.aclog(["doctor", "--db", old])
        #expect(doctor.status == 0, "\(doctor.stdout)")
    }

    func rfc3339(_ nanoseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(nanoseconds / 1_000_000_000)))
    }

    /// Creates a database with the first `schemaVersion` migrations and writes what a collector of
    /// `dataOfVersion` would have: only what that version's schema has room for.
    func write(path: String, schemaVersion: Int, dataOfVersion data: Int) throws {
        let db = try SQLiteConnection(path: path, mode: .readWriteCreate)
        try Migrator(migrations: Array(EmbeddedSQL.migrations.prefix(schemaVersion))).migrate(db)
        let minute: Int64 = 60_000_000_000, second: Int64 = 1_000_000_000
        var sql = """
            INSERT INTO containers (id, docker_id, name, service, project, image, state, first_seen, last_seen, record_count, first_ts, last_ts)
            VALUES (1, '\(String(repeating: "a", count: 64))', 'shop-api-1', 'api', 'shop', 'shop/api:1', 'running', \(base), \(base + 60 * minute), 80, \(base), \(base + 79 * 30 * second)),
                   (2, '\(String(repeating: "b", count: 64))', 'shop-db-1', 'db', 'shop', 'mysql:8', 'exited', \(base), \(base + 60 * minute), 40, \(base), \(base + 39 * 60 * second));
            INSERT INTO collector_runs (id, started, heartbeat, stopped, pid, docker) VALUES (1, \(base - minute), \(base + 61 * minute), \(base + 61 * minute), 42, 'docker');
            INSERT INTO events (ts, container, action, exit_code, detail) VALUES
              (\(base), 1, 'start', NULL, NULL), (\(base), 2, 'start', NULL, NULL),
              (\(base + 40 * minute), 2, 'die', 3, NULL), (\(base + 41 * minute), 2, 'start', NULL, NULL);
            INSERT INTO gaps (container, start_ts, end_ts, reason) VALUES (2, \(base + 50 * minute), \(base + 52 * minute), 'docker logs failed');

            """
        for i in 0..<80 {
            let time = base + Int64(i) * 30 * second
            let status = i % 10 == 9 ? 503 : 200
            let level = status >= 500 ? 5 : 3
            sql += "INSERT INTO records (ts, container, stream, level, message, fields) VALUES (\(time), 1, 1, \(level), "
                + "'GET /orders/\(i) \(status) \(i % 7 == 0 ? "upstream timeout" : "ok")', '{\"http.status\":\(status),\"http.method\":\"GET\"}');\n"
        }
        for i in 0..<40 {
            let time = base + Int64(i) * 60 * second + 5 * second
            let level = i % 8 == 0 ? 5 : 3
            sql += "INSERT INTO records (ts, container, stream, level, message) VALUES (\(time), 2, 2, \(level), "
                + "'\(level == 5 ? "[ERROR] lock wait timeout exceeded" : "[Note] connection \(i) accepted")');\n"
        }
        if schemaVersion >= 2 { sql += "INSERT INTO records_fts(records_fts) VALUES ('rebuild');\n" }
        if schemaVersion >= 2 {
            sql += """
                INSERT INTO record_counts (container, minute, records, errors, requests, server_errors)
                SELECT container, ts - (ts % 60000000000), count(*), sum(level >= 5),
                       sum(json_extract(fields, '$."http.status"') IS NOT NULL),
                       sum(coalesce(json_extract(fields, '$."http.status"') >= 500, 0))
                FROM records GROUP BY 1, 2;

                """
        }
        if data >= 3 {
            for i in 0..<360 {
                let time = base + Int64(i) * 10 * second
                sql += "INSERT INTO samples (container, ts, cpu, mem, mem_limit, net_rx, net_tx, block_read, block_write, pids) "
                    + "VALUES (1, \(time), \(Double(i % 50)), \(100_000_000 + i * 10_000), 536870912, 1000, 2000, 0, 4096, 7);\n"
            }
        }
        if data >= 4 { sql += "UPDATE containers SET cpu_limit = 150 WHERE id = 1;\n" }
        try db.execute(sql)
    }
}
