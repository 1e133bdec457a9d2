import ACLogModel
import ACLogSQLite

/// Which fields the records of a window have: a `--field` that names none of them is a mistake
/// to point out (with the closest name there is), not an empty answer.
public struct FieldCensus {
    /// A field no record of the window has, and the closest name that some record has.
    public struct Absent: Error, CustomStringConvertible, Sendable {
        public let key: String
        public let closest: String?
        public let known: [String]

        public var description: String {
            var text = "no record in the range has the field '\(key)'"
            if let closest { text += "; did you mean '\(closest)'?" }
            if !known.isEmpty {
                text += " (fields there: \(known.prefix(12).joined(separator: ", "))\(known.count > 12 ? ", ..." : ""))"
            }
            return text
        }
    }

    /// How many of the newest records are read for the names to suggest.
    public static let sampled = 20_000

    let database: ReadOnlyDatabase
    let containers: [Int64]
    let since: Int64
    let until: Int64

    public init(_ database: ReadOnlyDatabase, containers: [Int64], since: Int64, until: Int64) {
        self.database = database
        self.containers = containers
        self.since = since
        self.until = until
    }

    /// Throws `Absent` for the first filter whose field no record of the window has.
    public func check(_ filters: [FieldFilter]) throws {
        for filter in filters where try !isPresent(filter) {
            let known = try names()
            throw Absent(key: filter.key, closest: Self.closest(to: filter.key, in: known), known: known)
        }
    }

    func isPresent(_ filter: FieldFilter) throws(StoreError) -> Bool {
        let s = try database.db.prepare(NamedQuery.sql("field_present"))
        try bindWindow(s)
        try s.bind(filter.path, named: ":path")
        return try s.step()
    }

    func names() throws(StoreError) -> [String] {
        let s = try database.db.prepare(NamedQuery.sql("field_names"))
        try bindWindow(s)
        try s.bind(Int64(Self.sampled), named: ":limit")
        var names: [String] = []
        while try s.step() { names.append(s.text(0)) }
        return names
    }

    private func bindWindow(_ s: SQLiteStatement) throws(StoreError) {
        try ReadOnlyDatabase.bindWindow(s, containers: containers, since: since, until: until)
    }

    /// The name whose last part is `key` (`status` → `http.status`), else the nearest by edits
    /// when near enough to be a typo.
    static func closest(to key: String, in names: [String]) -> String? {
        let lowered = key.lowercased()
        if let suffix = names.first(where: { $0.lowercased().hasSuffix("." + lowered) || $0.lowercased() == lowered }) { return suffix }
        let scored = names.map { ($0, editDistance(lowered, $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let (name, distance) = scored, distance <= max(2, key.count / 3) else { return nil }
        return name
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[b.count]
    }
}

extension ReadOnlyDatabase {
    /// For a tail that found nothing: throws `FieldCensus.Absent` when a field it filters on is on
    /// no record of its range.
    public func checkFields(of question: TailQuestion) throws {
        guard !question.fields.isEmpty else { return }
        let window = question.scope.window
        try FieldCensus(self, containers: try containers(for: question.scope.services), since: window.from, until: window.to)
            .check(question.fields)
    }
}
