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

/// The `short` line: local time, service (padded, a colour each on a terminal), level, message.
/// The columns stay where they are: a service that appears later with a longer name is shortened
/// in the middle to the width chosen at the start.
public struct ShortStyle: Sendable {
    public var utc: Bool
    public var colour: Bool
    public var serviceWidth: Int

    /// Wide enough for every service name the database knows, 12 to 24 columns.
    public init(utc: Bool, colour: Bool, database: ReadOnlyDatabase) throws {
        self.init(utc: utc, colour: colour, serviceWidth: min(24, max(12, try database.serviceNames().map(\.count).max() ?? 0)))
    }

    package init(utc: Bool, colour: Bool, serviceWidth: Int) {
        self.utc = utc
        self.colour = colour
        self.serviceWidth = serviceWidth
    }

    package func render(_ r: StoredRecord) -> String {
        let time = Timestamp.display(r.time, utc: utc)
        let service = column(r.service)
        let level = Self.levelColumn(r.level)
        guard colour else { return "\(time) \(service) \(level) \(r.message)" }
        let levelColour = LevelColour.code(r.level)
        return LevelColour.dim + time + LevelColour.reset + " " + LevelColour.service(r.service) + service + LevelColour.reset + " "
            + (levelColour.map { $0 + level + LevelColour.reset } ?? level) + " "
            + (r.level >= .error ? (levelColour! + r.message + LevelColour.reset) : r.message)
    }

    /// An event in the records' columns, dimmed: `2026-11-25 02:00:01.123 backend      ----- exited with code 1 (app-backend-1)`.
    package func render(_ e: StoredEvent) -> String {
        let text = "\(Timestamp.display(e.time, utc: utc)) \(column(e.service)) ----- \(e.summary) (\(e.container))"
        return colour ? LevelColour.dim + text + LevelColour.reset : text
    }

    /// A level at its column's width: `INFO `, `ERROR`, blank for none.
    package static func levelColumn(_ level: Level) -> String {
        (level == .unknown ? "" : level.name.uppercased()).padding(toLength: 5)
    }

    /// A service name at the column's width: padded, or shortened in the middle.
    package func column(_ name: String) -> String {
        guard name.count > serviceWidth, serviceWidth >= 3 else { return name.padding(toLength: serviceWidth) }
        let head = (serviceWidth - 1) / 2
        return String(name.prefix(head)) + "…" + String(name.suffix(serviceWidth - 1 - head))
    }
}

extension String {
    package func padding(toLength width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
