import ACLogModel

/// Reads with `docker inspect` the image a container was created from and when; then the image's
/// registry digest with `docker image inspect`.
public struct ContainerImageReader: Sendable {
    let docker: DockerCLI

    public init(docker: DockerCLI) {
        self.docker = docker
    }

    /// Nil for a container that is gone (or an engine that does not answer).
    public func image(of containerID: String) async -> ContainerImage? {
        let format = "{{.Image}}\t{{.Config.Image}}\t{{.Created}}"
        guard let line = try? await docker.output(["inspect", "--type", "container", "--format", format, "--", containerID]),
              var image = Self.parse(line) else { return nil }
        // An image removed since (or pulled by digest only) has no digest to read: the id stands.
        if let digests = try? await docker.output(["image", "inspect", "--format", "{{range .RepoDigests}}{{.}}\n{{end}}", "--", image.id]) {
            image.digest = digests.split(separator: "\n").first.map(String.init)
        }
        return image
    }

    /// `<image id>\t<image name>\t<created, RFC 3339>`.
    static func parse(_ line: String) -> ContainerImage? {
        let fields = line.trimmed(where: \.isNewline).split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].hasPrefix("sha256:"), let created = Timestamp.parseRFC3339(fields[2]) else { return nil }
        return ContainerImage(name: String(fields[1]), id: String(fields[0]), digest: nil, created: created)
    }
}
