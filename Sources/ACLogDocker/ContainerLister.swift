import ACLogModel

/// Lists the engine's containers with `docker ps -a`, in a tab-separated template so that labels
/// holding commas or `=` are read exactly.
public struct ContainerLister: Sendable {
    let docker: DockerCLI

    public init(docker: DockerCLI) {
        self.docker = docker
    }

    static let template = [
        "{{.ID}}", "{{.Names}}", "{{.Image}}", "{{.State}}",
        #"{{.Label "com.docker.compose.service"}}"#, #"{{.Label "com.docker.compose.project"}}"#,
    ].joined(separator: "\t")

    public func list() async throws(DockerError) -> [ContainerInfo] {
        let text = try await docker.output(["ps", "--all", "--no-trunc", "--format", Self.template])
        return Self.parse(text)
    }

    static func parse(_ text: String) -> [ContainerInfo] {
        text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4, !f[0].isEmpty else { return nil }
            let name = f[1].split(separator: ",").first.map(String.init) ?? f[1]
            return ContainerInfo(
                id: f[0], name: name, image: f[2],
                composeService: f.count > 4 ? f[4] : nil,
                composeProject: f.count > 5 ? f[5] : nil,
                state: f[3]
            )
        }
    }
}
