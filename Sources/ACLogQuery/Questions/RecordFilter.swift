import ACLogModel
import ACLogSQLite

/// The conditions of a tail or a grep checked on records already read: what a live view shared by
/// many viewers (`aclog serve`'s stream) keeps of each viewer's question. The same words name the
/// same services as `containers(named:)` does (a compose service, a container name, an id prefix
/// of 3 characters or more); a text pattern matches as `aclog grep` does.
public struct RecordFilter: Sendable {
    public var services: [String]
    public var minLevel: Level
    public var pattern: SearchPattern?
    public var fields: [FieldFilter]

    public init(services: [String] = [], minLevel: Level = .unknown, pattern: SearchPattern? = nil, fields: [FieldFilter] = []) {
        self.services = services
        self.minLevel = minLevel
        self.pattern = pattern
        self.fields = fields
    }

    /// The same for two filters only when they pass the same records and events.
    public var identity: String {
        let fields = self.fields.map { "\($0.key)\($0.op.rawValue)\($0.value)" }
        return ([services.sorted().joined(separator: "\u{0}"), minLevel.name, pattern?.identity ?? "-"] + fields).joined(separator: "\u{1}")
    }

    /// Whether a record passes every condition but the fields (`withFields` checks those).
    public func matches(_ record: StoredRecord) -> Bool {
        record.level >= minLevel && names(service: record.service, container: record.container, id: record.containerID)
            && (pattern?.matches(record.message) ?? true)
    }

    /// Whether an event is of the services asked about (events have no level nor text to match).
    public func matches(_ event: StoredEvent) -> Bool {
        names(service: event.service, container: event.container, id: nil)
    }

    private func names(service: String, container: String, id: String?) -> Bool {
        services.isEmpty || services.contains { word in
            // An id is hex: 3 bytes are 3 characters (and counting bytes costs nothing).
            word == service || word == container || (word.utf8.count >= 3 && id?.hasPrefix(word) == true)
        }
    }
}

extension ReadOnlyDatabase {
    /// Which of these records have fields that match all the filters (the same conditions as
    /// `tail --field`, read by SQLite).
    public func withFields(_ records: [StoredRecord], matching fields: [FieldFilter]) throws(StoreError) -> [StoredRecord] {
        guard !fields.isEmpty, !records.isEmpty else { return records }
        let s = try db.prepare(FieldFilter.apply(fields, to: NamedQuery.sql("records_with_fields")))
        try FieldFilter.bind(fields, to: s)
        try s.bind(Self.jsonArray(records.map(\.id)), named: ":ids")
        var passing = Set<Int64>()
        while try s.step() { passing.insert(s.int64(0)) }
        return records.filter { passing.contains($0.id) }
    }
}
