import Foundation
import Testing

/// Fields read again from the message, and the search index's numbers, through the real binary.
@Suite struct FieldsAndIndexTests {
    let folder = NSTemporaryDirectory() + "aclog-fields-\(UUID().uuidString.prefix(8))"
    var database: String { folder + "/f.db" }
    static let statuses = [200, 503, 404, 200, 502, 200]

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // nginx's access lines, as `docker logs -t` prints them.
        let lines = Self.statuses.enumerated().map { i, status in
            "2026-11-25T02:00:0\(i).000000000Z 10.0.0.\(i + 1) - - [25/Nov/2026:02:00:0\(i) +0000] \"GET /api/v1/item/\(12470 + i) HTTP/1.1\" \(status) \(100 + i) \"-\" \"curl/8.4.0\""
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/access.log", atomically: true, encoding: .utf8)
        let imported = try Harness.aclog(["import", folder + "/access.log", "--service", "nginx", "--db", database])
        try #require(imported.status == 0, "\(imported.stderr)")
    }

    @Test func fieldsAreReadAgainForJSONFiltersAndSQL() throws {
        let failed = try Harness.aclog(["tail", "nginx", "--field", "http.status>=500", "-o", "json", "--db", database])
        #expect(failed.status == 0, "\(failed.stderr)")
        let objects = failed.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["message"] != nil }
        let fields = objects.compactMap { $0["fields"] as? [String: Any] }
        #expect(fields.compactMap { $0["http.status"] as? Int } == [503, 502])
        #expect(fields.allSatisfy { $0["http.method"] as? String == "GET" && ($0["http.path"] as? String)?.hasPrefix("/api/v1/item/") == true })
        let counted = try Harness.aclog(["sql", #"SELECT count(*) AS n FROM records WHERE record_fields(format, message, fields) ->> '$."http.status"' >= 400"#,
                                         "-o", "json", "--db", database])
        #expect(counted.stdout == "{\"n\":3}\n", "\(counted.stdout)\(counted.stderr)")
    }

    @Test func numbersAreFoundWhetherTheIndexKeepsThemOrNot() throws {
        // 503 and 12473 are in the index; 2026 (a year) and 02 (a time's part) are not.
        for (word, expected) in [("503", 1), ("12473", 1), ("2026", 6), ("GET 02", 0), ("Nov 2026 02", 6)] {
            let found = try Harness.aclog(["grep", word, "-o", "raw", "--db", database])
            #expect(found.stdout.split(separator: "\n").count == expected, "\(word): \(found.stdout)")
        }
    }
}
