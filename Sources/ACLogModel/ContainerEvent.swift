/// A container lifecycle event from `docker events`.
public struct ContainerEvent: Sendable, Equatable {
    public var time: Int64
    public var action: String
    public var container: ContainerInfo
    public var exitCode: Int?
    /// Health status, signal, or other detail of the action.
    public var detail: String?

    public init(time: Int64, action: String, container: ContainerInfo, exitCode: Int? = nil, detail: String? = nil) {
        self.time = time
        self.action = action
        self.container = container
        self.exitCode = exitCode
        self.detail = detail
    }

    /// Actions worth storing; exec_*, attach, resize and the like are noise for users.
    public static let storedActions: Set<String> = [
        "create", "start", "restart", "die", "stop", "kill", "oom", "destroy", "pause", "unpause", "health_status",
    ]
}
