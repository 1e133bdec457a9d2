/// What aclog knows of a container from `docker ps` or a `docker events` actor.
public struct ContainerInfo: Sendable, Equatable {
    public var id: String
    public var name: String
    public var image: String
    /// The compose service label, when there is one.
    public var composeService: String?
    public var composeProject: String?
    public var state: String

    public init(id: String, name: String, image: String, composeService: String? = nil, composeProject: String? = nil, state: String = "unknown") {
        self.id = id
        self.name = name.hasPrefix("/") ? String(name.dropFirst()) : name
        self.image = image
        self.composeService = composeService.flatMap { $0.isEmpty ? nil : $0 }
        self.composeProject = composeProject.flatMap { $0.isEmpty ? nil : $0 }
        self.state = state
    }

    /// The name users select records by: the compose service, else the container name.
    public var service: String { composeService ?? name }

    public var isRunning: Bool { state == "running" || state == "restarting" }
}
