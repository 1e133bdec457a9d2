import ACLogModel
import ACLogParsing
import ACLogSQLite

/// A stored record as the OTLP export sends it: with its container, and its fields read again from
/// its message (`RecordFields`).
public struct ExportRecord: Sendable {
    public var id: Int64
    public var time: Int64
    public var stream: LogStream
    public var level: Level
    public var message: String
    public var fields: Fields
    public var container: Container

    /// What the OTLP resource says of a record's container.
    public struct Container: Sendable, Hashable {
        public var dockerID: String
        public var name: String
        public var service: String
        public var project: String?
        public var image: String?
    }
}

extension ReadOnlyDatabase {
    /// Up to `limit` records stored after id `after`, in the order they were stored.
    public func recordsToExport(after: Int64, limit: Int) throws(StoreError) -> [ExportRecord] {
        let s = try db.prepare(NamedQuery.sql("export_batch"))
        try s.bind(after, named: ":after")
        try s.bind(Int64(limit), named: ":limit")
        var records: [ExportRecord] = []
        records.reserveCapacity(limit)
        var containers: [String: ExportRecord.Container] = [:]
        while try s.step() {
            let dockerID = s.text(7)
            let container = containers[dockerID] ?? ExportRecord.Container(
                dockerID: dockerID, name: s.text(8), service: s.text(9), project: s.optionalText(10), image: s.optionalText(11))
            containers[dockerID] = container
            let message = s.text(4)
            let fields = RecordFields.fields(format: s.isNull(5) ? nil : Int(s.int64(5)), message: message, stored: s.optionalText(6))
            records.append(ExportRecord(id: s.int64(0), time: s.int64(1), stream: LogStream(rawValue: Int(s.int64(2))) ?? .stdout,
                                        level: Level(rawValue: Int(s.int64(3))) ?? .unknown, message: message, fields: fields,
                                        container: container))
        }
        return records
    }
}
