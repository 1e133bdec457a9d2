import ACLogModel
import FoundationEssentials

/// Reads one line of `docker events --format '{{json .}}'` into a `ContainerEvent`.
public enum DockerEventDecoder {
    struct Wire: Decodable {
        struct Actor: Decodable {
            var ID: String
            var Attributes: [String: String]?
        }
        var `Type`: String?
        var Action: String
        var Actor: Actor
        var time: Int64?
        var timeNano: Int64?
    }

    /// Nil for lines that are not container events.
    public static func decode(_ line: some StringProtocol) -> ContainerEvent? {
        guard let wire = try? JSONDecoder().decode(Wire.self, from: Data(line.utf8)),
              wire.Type == nil || wire.Type == "container"
        else { return nil }
        let attributes = wire.Actor.Attributes ?? [:]
        // "health_status: healthy", "exec_start: sh -c ..." carry their detail after a colon.
        var action = wire.Action
        var detail: String? = nil
        if let colon = action.firstIndex(of: ":") {
            detail = action[action.index(after: colon)...].trimmed()
            action = String(action[..<colon])
        }
        if detail == nil, let signal = attributes["signal"] { detail = "signal \(signal)" }
        let time = wire.timeNano ?? (wire.time ?? 0) * 1_000_000_000
        let container = ContainerInfo(
            id: wire.Actor.ID,
            name: attributes["name"] ?? String(wire.Actor.ID.prefix(12)),
            image: attributes["image"] ?? "",
            composeService: attributes["com.docker.compose.service"],
            composeProject: attributes["com.docker.compose.project"]
        )
        return ContainerEvent(
            time: time, action: action, container: container,
            exitCode: attributes["exitCode"].flatMap { Int($0) }, detail: detail
        )
    }
}
