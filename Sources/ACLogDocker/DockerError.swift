/// Why a docker command could not give what was asked, in words for the user.
public enum DockerError: Error, CustomStringConvertible, Equatable {
    /// The docker executable is not there.
    case notFound(String)
    /// The engine did not answer (daemon down, socket missing, permission denied).
    case notAnswering(String)
    /// The command ran and failed.
    case failed(command: String, status: String, message: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            "docker executable '\(path)' not found: install the docker CLI or pass --docker PATH"
        case .notAnswering(let message):
            "docker engine not answering: \(message)"
        case .failed(let command, let status, let message):
            "'\(command)' failed (\(status)): \(message)"
        }
    }

    /// Messages the CLI prints when it cannot reach the engine at all.
    static func isUnreachable(_ message: String) -> Bool {
        message.contains("Cannot connect to the Docker daemon") || message.contains("connection refused")
            || message.contains("no such file or directory") || message.contains("permission denied")
            || message.contains("error during connect") || message.contains("Is the docker daemon running")
    }
}
