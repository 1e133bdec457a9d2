import ACLogModel
@testable import ACLogQuery
@testable import ACLogSQLite
@testable import ACLogStore
import Foundation
import ACLogTestSupport
import Testing

/// grep's results through the index equal what a plain scan of the same records finds.
@Suite struct SearchTests {
    static let vocabulary = ["Connection", "refused", "connection", "REFUSED", "timeout", "time_cost=12ms", "ECONNREFUSED",
                             "redis", "mysql", "error:", "Error", "retry", "café", "cafe", "x-request-id", "GET", "/api/v1/agent",
                             "refusedly", "unrefused", "42", "0xdeadbeef", "\"quoted\"", "a.b.c", "Traceback",
                             "503", "2026-11-27", "12478"]

    struct Row { var time: Int64; var container: Int; var level: Level; var message: String }

    /// A deterministic dataset: 3 containers, 3,000 records of random words, some multi-line.
    static func dataset() -> [Row] {
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        return (0..<3_000).map { i in
            let words = (0..<(3 + next() % 8)).map { _ in vocabulary[next() % vocabulary.count] }
            var message = words.joined(separator: next() % 5 == 0 ? ", " : " ")
            if i % 37 == 0 { message += "\n  File \"app.py\", line 3, in main\nValueError: bad" }
            return Row(time: Int64(i) * 1_000_000_000, container: i % 3, level: Level(rawValue: next() % 7)!, message: message)
        }
    }

    let path = temporaryDatabase()
    let rows = dataset()

    init() throws {
        let store = try CollectorStore(path: path)
        let ids = try (0..<3).map { try store.register(container("c\($0)", name: "svc\($0)", service: "svc\($0)"), at: 0) }
        var batch = WriteBatch()
        for row in rows {
            batch.append(row: ids[row.container], stream: .stdout,
                         records: [LogRecord(time: row.time, stream: .stdout, level: row.level, message: row.message)],
                         position: StreamPosition(time: row.time, countAtTime: 1))
        }
        try store.commit(batch, at: 1)
    }

    /// Searches through the index and by scanning; both must give the same records.
    func search(_ pattern: SearchPattern, since: Int64 = .min, until: Int64 = .max, minLevel: Level = .unknown, only: [String]? = nil) throws -> [String] {
        let reader = try ReadOnlyDatabase(path: path)
        let containers = try only.map { try $0.flatMap { try reader.containers(named: $0) } } ?? reader.allContainers()
        let indexed = try reader.search(pattern, containers: containers, since: since, until: until, minLevel: minLevel, plan: .index).map(\.message)
        let scanned = try reader.search(pattern, containers: containers, since: since, until: until, minLevel: minLevel, plan: .scan).map(\.message)
        #expect(indexed == scanned, "\(pattern.text): index \(indexed.count), scan \(scanned.count)")
        let rows = try reader.search(pattern, containers: containers, since: since, until: until, minLevel: minLevel, plan: .rows).map(\.message)
        #expect(rows == indexed, "\(pattern.text): index \(indexed.count), rows \(rows.count)")
        // Many matches are kept as references and read again in time order: the same records.
        var reread: [String] = []
        try reader.forEachMatch(pattern, containers: containers, since: since, until: until, minLevel: minLevel, plan: .index,
                                holding: 0) { reread.append($0.message) }
        #expect(reread == indexed, "\(pattern.text): read again \(reread.count), held \(indexed.count)")
        // -c counts the same records, whichever way it reads them.
        let counted = try reader.countMatches(pattern, containers: containers, since: since, until: until, minLevel: minLevel)
        #expect(counted.values.reduce(0, +) == indexed.count, "\(pattern.text): counted \(counted), found \(indexed.count)")
        return indexed
    }

    static func words(_ text: String) -> [String] { text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init) }

    /// Independent of SearchPattern: consecutive whole words, without case.
    static func hasPhrase(_ message: String, _ phrase: String) -> Bool {
        let m = words(message), p = words(phrase)
        guard !p.isEmpty, m.count >= p.count else { return false }
        return (0...(m.count - p.count)).contains { Array(m[$0..<($0 + p.count)]) == p }
    }

    @Test(arguments: ["Connection refused", "refused", "timeout", "ECONNREFUSED", "time_cost", "x-request-id", "a.b.c", "ValueError bad", "café"])
    func wordsAndPhrases(_ text: String) throws {
        let expected = rows.filter { Self.hasPhrase($0.message, text) && (text != "café" || !$0.message.contains("cafe ")) }.map(\.message)
        let found = try search(SearchPattern(text, mode: .text, wholeWords: true))
        if text == "café" {
            // The index folds diacritics, the check does not: every found record has "café".
            #expect(found.allSatisfy { $0.lowercased().contains("café") })
        } else {
            #expect(found == expected, "\(text): \(found.count) vs \(expected.count)")
        }
        #expect(!found.isEmpty)
    }

    /// Numbers of up to four digits are not in the index: a search that names one still finds
    /// every record that has it, through the other words or a scan.
    @Test(arguments: ["42", "GET 503", "503 GET", "2026 11 27", "12478", "refused 42", "503", "2026"])
    func shortNumbersAreFoundWithoutTheIndex(_ text: String) throws {
        let expected = rows.filter { Self.hasPhrase($0.message, text) }.map(\.message)
        let found = try search(SearchPattern(text, mode: .text, wholeWords: true))
        #expect(found == expected, "\(text): \(found.count) vs \(expected.count)")
        #expect(!found.isEmpty)
    }

    @Test func theIndexLeavesOutShortNumbersOnly() throws {
        let reader = try ReadOnlyDatabase(path: path)
        let count = { (word: String) in try reader.db.scalarInt("SELECT count(*) FROM records_fts WHERE records_fts MATCH '\"\(word)\"'") ?? -1 }
        #expect(rows.contains { $0.message.contains(" 42") })
        #expect(try count("42") == 0)
        #expect(try count("2026") == 0)
        #expect(try count("503") == rows.filter { $0.message.contains("503") }.count)
        #expect(try count("12478") == rows.filter { $0.message.contains("12478") }.count)
        #expect(try count("0xdeadbeef") > 0)
        for kept in ["12478", "v1", "0000a", "503", "3306", "1045", "2100", "1899", "00000"] { #expect(IndexedWords.keeps(kept), "\(kept)") }
        for left in ["0", "42", "07", "2026", "1999", "0000"] { #expect(!IndexedWords.keeps(left), "\(left)") }
    }

    /// The default pattern finds every record `grep -F -i` finds, and only records that hold its
    /// words in order with nothing but spaces or punctuation between them.
    @Test(arguments: ["efuse", "ONNREF", "Connection refused", "refused", "ValueError", "x-request-id", "time_cost",
                      "fused conn", "afé", "2026-11", "ion ref", "\"quoted"])
    func theDefaultFindsWhatGrepFFinds(_ text: String) throws {
        let found = try search(SearchPattern(text, mode: .text))
        let grepF = rows.filter { $0.message.lowercased().contains(text.lowercased()) }.map(\.message)
        #expect(!grepF.isEmpty, "\(text): the dataset has no such record")
        #expect(Set(grepF).isSubset(of: Set(found)), "\(text): missed \(Set(grepF).subtracting(found).count)")
        let words = Self.words(text).map(NSRegularExpression.escapedPattern(for:))
        let oracle = try NSRegularExpression(pattern: words.joined(separator: "[^\\p{L}\\p{N}]+"), options: [.caseInsensitive])
        let wrong = found.filter { m in
            !m.split(separator: "\n", omittingEmptySubsequences: false).contains { line in
                oracle.firstMatch(in: String(line), range: NSRange(line.startIndex..., in: line)) != nil
            }
        }
        #expect(wrong.isEmpty, "\(text): \(wrong.prefix(3))")
    }

    /// As grep matches lines, `^` and `$` match at each line of a multi-line record.
    @Test(arguments: ["^ValueError", "bad$", "^  File", "main$", "^Traceback"])
    func anchorsMatchAtEveryLine(_ text: String) throws {
        let regex = try NSRegularExpression(pattern: text, options: [.anchorsMatchLines])
        let expected = rows.filter { regex.firstMatch(in: $0.message, range: NSRange($0.message.startIndex..., in: $0.message)) != nil }.map(\.message)
        let found = try search(SearchPattern(text, mode: .regex))
        #expect(found == expected && !found.isEmpty, "\(text): \(found.count) vs \(expected.count)")
    }

    @Test(arguments: [("efuse", false), ("Connection refused", false), ("ONNREF", false), ("connection REFUSED", true), ("=12m", false), ("\"quoted\"", false)])
    func fixedSubstrings(_ text: String, _ ignoreCase: Bool) throws {
        let expected = rows.filter { ignoreCase ? $0.message.lowercased().contains(text.lowercased()) : $0.message.contains(text) }.map(\.message)
        let found = try search(SearchPattern(text, mode: .fixed, ignoreCase: ignoreCase))
        #expect(found == expected, "\(text): \(found.count) vs \(expected.count)")
        #expect(!found.isEmpty)
    }

    @Test(arguments: ["timeout|refused", "\\bredis\\b|\\bmysql\\b", "re(try|fused)", "0x[0-9a-f]+", "Conn\\w+ refused"])
    func regularExpressions(_ text: String) throws {
        let regex = try NSRegularExpression(pattern: text)
        let expected = rows.filter { regex.firstMatch(in: $0.message, range: NSRange($0.message.startIndex..., in: $0.message)) != nil }.map(\.message)
        let found = try search(SearchPattern(text, mode: .regex))
        #expect(found == expected, "\(text): \(found.count) vs \(expected.count)")
    }

    @Test func wholeWordsIgnoreCaseTimeLevelsAndServices() throws {
        // -w: bounded by anything but a letter, digit or underscore; case-sensitive for -F.
        let w = try search(SearchPattern("refused", mode: .fixed, wholeWords: true))
        let grepWords = { (m: String) in m.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init) }
        #expect(w == rows.filter { grepWords($0.message).contains("refused") }.map(\.message))
        #expect(!w.isEmpty)
        let since: Int64 = 1_000 * 1_000_000_000, until: Int64 = 1_500 * 1_000_000_000
        let ranged = try search(SearchPattern("timeout", mode: .text, wholeWords: true), since: since, until: until, minLevel: .warn, only: ["svc1"])
        let expected = rows.filter { $0.time >= since && $0.time < until && $0.level >= .warn && $0.container == 1 && Self.hasPhrase($0.message, "timeout") }
        #expect(ranged == expected.map(\.message))
        #expect(!ranged.isEmpty)
    }

    @Test func theIndexNarrowsWhereItCan() throws {
        #expect(try SearchPattern("Connection refused", mode: .text, wholeWords: true).ftsQuery == "\"Connection\" AND \"refused\"")
        #expect(try SearchPattern("Connection refused", mode: .text, wholeWords: true).needsCheck)
        #expect(try !SearchPattern("refused", mode: .text, wholeWords: true).needsCheck)
        #expect(try SearchPattern("efuse", mode: .fixed).ftsQuery == nil)
        #expect(try SearchPattern("x Connection refused y", mode: .fixed).ftsQuery == "\"Connection\" AND \"refused\"")
        #expect(try SearchPattern("\\btimeout\\b|\\brefused\\b", mode: .regex).ftsQuery == "(\"timeout\") OR (\"refused\")")
        #expect(try SearchPattern("timeout|refused", mode: .regex).ftsQuery == nil)
        #expect(try SearchPattern("a\" OR \"b", mode: .text, wholeWords: true).ftsQuery == "\"a\" AND \"OR\" AND \"b\"")
        // The default: whole words between two others, the last one as a prefix, a lone word by a scan.
        #expect(try SearchPattern("Connection refused", mode: .text).ftsQuery == "\"refused\"*")
        #expect(try SearchPattern("x Connection refused y", mode: .text).ftsQuery == "\"Connection\" AND \"refused\" AND \"y\"*")
        #expect(try SearchPattern("refused", mode: .text).ftsQuery == nil)
        #expect(try SearchPattern("GET 503", mode: .text).ftsQuery == nil)
    }

    /// A lone word that may stand inside longer ones is looked for in the index's words that hold
    /// it, where the window is large enough to make that cheaper than a scan; `search` shows it
    /// finds what a scan finds.
    @Test func aFragmentIsLookedUpInTheIndexsWords() throws {
        let bytes = { (words: [String]) in words.map { Array($0.utf8) } }
        #expect(try SearchPattern("efuse", mode: .text).fragments == bytes(["efuse"]))
        #expect(try SearchPattern("ONNREF", mode: .fixed).fragments == bytes(["onnref"]))
        #expect(try SearchPattern("\"quoted", mode: .text).fragments == bytes(["quoted"]))
        #expect(try SearchPattern("Imeou|efuse", mode: .regex).fragments == bytes(["imeou", "efuse"]))
        #expect(try SearchPattern("(?i)Imeou|efuse", mode: .regex).fragments == bytes(["imeou", "efuse"]))
        for (text, mode) in [("42", .text), ("2026-11", .text), ("afé", .text), ("x-request", .fixed), ("efuse|42", .regex),
                             ("efuse|", .regex), ("efu.e", .regex), ("re(try|fused)", .regex)] as [(String, SearchPattern.Mode)] {
            #expect(try SearchPattern(text, mode: mode).fragments == nil, "\(text)")
        }
        #expect(try SearchPattern("efuse", mode: .text, wholeWords: true).fragments == nil)
        let reader = try ReadOnlyDatabase(path: path)
        let all = try reader.allContainers()
        let fragment = try SearchPattern("EFUSE", mode: .text)
        #expect(try reader.indexQuery(fragment, plan: .automatic, containers: all, since: .min, until: .max)
                == "\"econnrefused\" OR \"refused\" OR \"refusedly\" OR \"unrefused\"")
        // A fragment that is a common word by itself (a quarter of the records) is scanned at once.
        let word = try SearchPattern("Refused", mode: .text)
        #expect(try reader.indexMatches("\"refused\"", upTo: .max) > ReadOnlyDatabase.commonLimit(3_000))
        #expect(try reader.indexQuery(word, plan: .automatic, containers: all, since: .min, until: .max) == nil)
        #expect(try reader.indexQuery(word, plan: .index, containers: all, since: .min, until: .max)?.contains("\"unrefused\"") == true)
        // A window of a fifteenth of the records is scanned: reading the index's words costs more.
        #expect(try reader.indexQuery(fragment, plan: .automatic, containers: all, since: 0, until: 200_000_000_000) == nil)
        // No word holds it: nothing is found, and nothing is scanned.
        let absent = try SearchPattern("qqzx", mode: .text)
        #expect(try reader.indexQuery(absent, plan: .automatic, containers: all, since: .min, until: .max) == "\"qqzx\"")
        #expect(try search(absent).isEmpty)
        #expect(try search(try SearchPattern("nrefuse", mode: .fixed, ignoreCase: true)).count
                == rows.filter { $0.message.lowercased().contains("nrefuse") }.count)
        let either = try SearchPattern("IMEOU|nrefuse", mode: .regex)
        #expect(try reader.indexQuery(either, plan: .automatic, containers: all, since: .min, until: .max)
                == "\"econnrefused\" OR \"timeout\" OR \"unrefused\"")
        #expect(try search(either) == rows.filter { $0.message.contains("IMEOU") || $0.message.contains("nrefuse") }.map(\.message))
    }

    /// FTS5 keeps the first 32,768 bytes of a token: a fragment after them is still found.
    @Test func aFragmentPastTheLongestTokenIsFound() throws {
        let path = temporaryDatabase()
        let store = try CollectorStore(path: path)
        let id = try store.register(container("c0", name: "svc0", service: "svc0"), at: 0)
        let long = "payload=" + String(repeating: "x9", count: 20_000) + "needle7" + String(repeating: "y", count: 100)
        var batch = WriteBatch()
        for (k, message) in ["short needle7 line", long, "no match here"].enumerated() {
            batch.append(row: id, stream: .stdout, records: [LogRecord(time: Int64(k), stream: .stdout, level: .info, message: message)],
                         position: StreamPosition(time: Int64(k), countAtTime: 1))
        }
        try store.commit(batch, at: 1)
        let reader = try ReadOnlyDatabase(path: path)
        let pattern = try SearchPattern("NEEDLE7", mode: .text)
        let query = try #require(try reader.indexQuery(pattern, plan: .index, containers: [id], since: .min, until: .max))
        #expect(query.hasSuffix("*"), "\(query.prefix(40))")
        let found = try reader.search(pattern, containers: [id], since: .min, until: .max, minLevel: .unknown, plan: .index)
        #expect(found.map(\.message) == ["short needle7 line", long])
    }

    /// A word found in few records in all (under `fewMatches`), or in fewer than one record in 20
    /// of the window, is read from the index; a commoner one by scanning the window in time order.
    @Test func onlyAWordInFewerThanOneRecordIn20IsReadThroughTheIndex() throws {
        let reader = try ReadOnlyDatabase(path: path)
        let all = try reader.allContainers()
        let rare = try SearchPattern("ValueError", mode: .text, wholeWords: true)    // every 37th record: 82 of 3,000
        let common = try SearchPattern("refused", mode: .text, wholeWords: true)     // about a quarter of the records
        let whole: (since: Int64, until: Int64) = (.min + 60_000_000_000, .max)
        #expect(try reader.indexMatches("\"ValueError\"", upTo: .max) < 3_000 / ReadOnlyDatabase.commonShare)
        #expect(try reader.usesIndex(rare, plan: .automatic, containers: all, since: whole.since, until: whole.until))
        #expect(try reader.indexMatches("\"refused\"", upTo: .max) > 3_000 / ReadOnlyDatabase.commonShare)
        #expect(try !reader.usesIndex(common, plan: .automatic, containers: all, since: whole.since, until: whole.until))
        #expect(try !reader.usesIndex(common, plan: .automatic, containers: all, since: 0, until: 100_000_000_000))
        #expect(try !reader.usesIndex(try SearchPattern("efuse", mode: .fixed), plan: .automatic, containers: all, since: whole.since, until: whole.until))
    }

    /// A scan looks for the pattern's substring first (`aclog_match`): what SQL's GLOB and LIKE
    /// would take for wildcards is literal, only ASCII letters fold there, and the check decides
    /// the rest. Both scans agree.
    @Test func wildcardsInASubstringAreLiteral() throws {
        let path = temporaryDatabase()
        let store = try CollectorStore(path: path)
        let row = try store.register(container("w1", name: "w", service: "w"), at: 0)
        let messages = ["50%_off*[x]?", "50ab_off*[x]?", "500_off*x?", "50%_OFF*[X]?", "back\\slash", "backslash",
                        "Café CAFÉ", "a?b", "axb", "[x]", "x"]
        var batch = WriteBatch()
        for (i, message) in messages.enumerated() {
            batch.append(row: row, stream: .stdout, records: [LogRecord(time: Int64(i), stream: .stdout, level: .info, message: message)],
                         position: StreamPosition(time: Int64(i), countAtTime: 1))
        }
        try store.commit(batch, at: 1)
        let reader = try ReadOnlyDatabase(path: path)
        func scanned(_ text: String, mode: SearchPattern.Mode = .fixed, ignoreCase: Bool) throws -> [String] {
            let pattern = try SearchPattern(text, mode: mode, ignoreCase: ignoreCase)
            let merged = try reader.search(pattern, containers: [row], since: .min, until: .max, minLevel: .unknown, plan: .scan).map(\.message)
            let rows = try reader.search(pattern, containers: [row], since: .min, until: .max, minLevel: .unknown, plan: .rows).map(\.message)
            #expect(rows == merged, "\(text)")
            return merged
        }
        #expect(try scanned("50%_off*[x]?", ignoreCase: false) == ["50%_off*[x]?"])
        #expect(try scanned("50%_off*[x]?", ignoreCase: true) == ["50%_off*[x]?", "50%_OFF*[X]?"])
        #expect(try scanned("k\\s", ignoreCase: false) == ["back\\slash"])
        #expect(try scanned("k\\s", ignoreCase: true) == ["back\\slash"])
        #expect(try scanned("a?b", ignoreCase: true) == ["a?b"])
        #expect(try scanned("[x]", ignoreCase: false) == ["50%_off*[x]?", "50ab_off*[x]?", "[x]"])
        #expect(try scanned("café", ignoreCase: true) == ["Café CAFÉ"])
        #expect(try scanned("CAFÉ", ignoreCase: false) == ["Café CAFÉ"])
        // A regular expression's required literal: its case as the expression says.
        #expect(try scanned(#"50%_off\*\[x\]"#, mode: .regex, ignoreCase: false) == ["50%_off*[x]?"])
        #expect(try scanned(#"(?i)50%_off\*\[x\]"#, mode: .regex, ignoreCase: false) == ["50%_off*[x]?", "50%_OFF*[X]?"])
        #expect(try scanned(#"50%_off\*\[x\]"#, mode: .regex, ignoreCase: true) == ["50%_off*[x]?", "50%_OFF*[X]?"])
        #expect(try scanned("back.slash|a.b", mode: .regex, ignoreCase: false) == ["back\\slash", "a?b", "axb"])
        #expect(try SearchPattern(#"Connection (refused|reset)"#, mode: .regex).requiredSubstring == "Connection ")
    }

    @Test func theIndexAgreesWithTheTable() throws {
        let db = try SQLiteConnection(path: path, mode: .readWriteCreate)
        #expect(try db.scalarInt("SELECT count(*) FROM records_fts") == Int64(rows.count))
        try db.execute("INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)")
    }
}
