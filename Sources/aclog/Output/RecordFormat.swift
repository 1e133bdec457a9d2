import ACLogModel
import ACLogStore
import ArgumentParser

/// How `tail` prints records: `short` (time, service, level, message), `json` (one object per
/// line), `raw` (the line as the container printed it).
enum RecordFormat: String, ExpressibleByArgument, CaseIterable {
    case short, json, raw

    func render(_ r: StoredRecord, style: ShortStyle) -> String {
        switch self {
        case .short: style.render(r)
        case .json: Self.json(r)
        case .raw: r.raw ?? r.message
        }
    }

    static func json(_ r: StoredRecord) -> String {
        "{\"time\":\"\(Timestamp.rfc3339(r.time))\",\"service\":\(JSONString.quoted(r.service)),"
            + "\"container\":\(JSONString.quoted(r.container)),\"container_id\":\"\(r.containerID.prefix(12))\","
            + "\"stream\":\"\(r.stream.name)\",\"level\":\"\(r.level.name)\",\"id\":\(r.id),"
            + "\"message\":\(JSONString.quoted(r.message)),"
            + (r.raw.map { "\"raw\":\(JSONString.quoted($0))," } ?? "")
            + "\"fields\":\(r.fields ?? "{}")}"
    }
}

/// The `short` line: local time, service (padded), level, message.
struct ShortStyle {
    var utc: Bool
    var colour: Bool
    var serviceWidth: Int

    /// Wide enough for every service name the database knows, up to 24 columns.
    init(utc: Bool, colour: Bool, reader: LogReader) throws {
        self.utc = utc
        self.colour = colour
        serviceWidth = min(24, try reader.serviceNames().map(\.count).max() ?? 0)
    }

    func render(_ r: StoredRecord) -> String {
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
    func padding(toLength width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
