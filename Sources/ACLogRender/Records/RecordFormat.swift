import ACLogModel
import ACLogQuery

/// How `tail` prints records: `short` (time, service, level, message), `json` (one object per
/// line), `raw` (the line as the container printed it).
public enum RecordFormat: String, Sendable, CaseIterable {
    case short, json, raw

    package func render(_ r: StoredRecord, style: ShortStyle) -> String {
        switch self {
        case .short: style.render(r)
        case .json: Self.json(r)
        case .raw: r.raw ?? r.message
        }
    }

    package static func json(_ r: StoredRecord) -> String {
        "{\"time\":\"\(Timestamp.rfc3339(r.time))\",\"service\":\(JSONString.quoted(r.service)),"
            + "\"container\":\(JSONString.quoted(r.container)),\"container_id\":\"\(r.containerID.prefix(12))\","
            + "\"stream\":\"\(r.stream.name)\",\"level\":\"\(r.level.name)\",\"id\":\(r.id),"
            + "\"message\":\(JSONString.quoted(r.message)),"
            + (r.raw.map { "\"raw\":\(JSONString.quoted($0))," } ?? "")
            + "\"fields\":\(r.fields ?? "{}")}"
    }
}

/// The `short` line: local time, service (padded), level, message.
public struct ShortStyle: Sendable {
    public var utc: Bool
    public var colour: Bool
    public var serviceWidth: Int

    /// Wide enough for every service name the database knows, up to 24 columns.
    public init(utc: Bool, colour: Bool, database: ReadOnlyDatabase) throws {
        self.utc = utc
        self.colour = colour
        serviceWidth = min(24, try database.serviceNames().map(\.count).max() ?? 0)
    }

    package func render(_ r: StoredRecord) -> String {
        let time = Timestamp.display(r.time, utc: utc)
        let service = r.service.padding(toLength: serviceWidth)
        let level = r.level == .unknown ? "     " : r.level.name.uppercased().padding(toLength: 5)
        guard colour else { return "\(time) \(service) \(level) \(r.message)" }
        let levelColour = LevelColour.code(r.level)
        return LevelColour.dim + time + LevelColour.reset + " " + LevelColour.service + service + LevelColour.reset + " "
            + (levelColour.map { $0 + level + LevelColour.reset } ?? level) + " "
            + (r.level >= .error ? (levelColour! + r.message + LevelColour.reset) : r.message)
    }
}

extension String {
    package func padding(toLength width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
