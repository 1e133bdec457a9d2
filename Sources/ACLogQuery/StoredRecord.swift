import ACLogModel
import ACLogSQLite
import ACLogParsing

/// A record as read back for display, with its container's names.
public struct StoredRecord: Sendable, Equatable {
    public var id: Int64
    public var time: Int64
    public var service: String
    public var container: String
    public var containerID: String
    public var stream: LogStream
    public var level: Level
    public var message: String
    public var raw: String?
    /// The `fields` column: what the format cannot read again, or all of them without a format.
    public var storedFields: String?
    /// The `format` column (`FormatCatalog`).
    public var format: Int?
    /// The container's row, when the query gives it (grep's queries do; for context lines).
    public var containerRow: Int64?

    /// All the record's fields as a JSON object text, read again from the message by its format.
    public var fields: String? {
        RecordFields.json(format: format, message: message, stored: storedFields)
    }
}

extension StoredRecord {
    /// Reads the columns of tail.sql, tail_follow.sql and the grep queries.
    init(_ s: SQLiteStatement) {
        id = s.int64(0)
        time = s.int64(1)
        service = s.text(2)
        container = s.text(3)
        containerID = s.text(4)
        stream = LogStream(rawValue: Int(s.int64(5))) ?? .stdout
        level = Level(rawValue: Int(s.int64(6))) ?? .unknown
        message = s.text(7)
        raw = s.optionalText(8)
        storedFields = s.optionalText(9)
        format = s.isNull(10) ? nil : Int(s.int64(10))
        containerRow = s.columnCount > 11 ? s.int64(11) : nil
    }

    /// What a container shows of itself beside each of its records.
    struct ContainerLabel: Sendable {
        var service: String
        var name: String
        var dockerID: String

        /// The same text in storage of its own.
        var copied: ContainerLabel {
            func copy(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
            return ContainerLabel(service: copy(service), name: copy(name), dockerID: copy(dockerID))
        }
    }

    /// Reads the columns of grep_rows.sql, with the container's labels read once beforehand.
    init(rowOf s: SQLiteStatement, labels: [Int64: ContainerLabel]) {
        id = s.int64(0)
        time = s.int64(1)
        let row = s.int64(2)
        let label = labels[row]
        service = label?.service ?? ""
        container = label?.name ?? ""
        containerID = label?.dockerID ?? ""
        stream = LogStream(rawValue: Int(s.int64(3))) ?? .stdout
        level = Level(rawValue: Int(s.int64(4))) ?? .unknown
        message = s.text(5)
        raw = s.optionalText(6)
        storedFields = s.optionalText(7)
        format = s.isNull(8) ? nil : Int(s.int64(8))
        containerRow = row
    }
}

/// One row of `aclog ps`.
public struct ContainerSummary: Sendable, Equatable {
    public var service: String
    public var name: String
    public var containerID: String
    public var image: String
    public var state: String
    public var firstRecord: Int64?
    public var lastRecord: Int64?
    public var records: Int64
    public var restarts: Int64
    public var oomKills: Int64 = 0
    public var lastExitCode: Int64?
    /// The last health status Docker reported, if the container has a health check.
    public var health: String?
    /// When a container of its service was last created from another image (a deploy).
    public var lastDeploy: Int64?
}
