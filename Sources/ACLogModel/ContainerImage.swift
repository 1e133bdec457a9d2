/// The image a container was created from: the name it was asked for by, the image's id, and its
/// registry digest when it came from a registry. Two containers of a service with different ids
/// are two deploys; a tag moved to a new build changes the id, not the name.
public struct ContainerImage: Sendable, Equatable {
    /// `agentchat-backend:latest`, as the container was created with it.
    public var name: String
    /// `sha256:…`
    public var id: String
    /// `registry/repo@sha256:…`; nil for an image built or loaded on this host.
    public var digest: String?
    /// When the container was created, ns.
    public var created: Int64

    public init(name: String, id: String, digest: String?, created: Int64) {
        self.name = name
        self.id = id
        self.digest = digest.flatMap { $0.isEmpty ? nil : $0 }
        self.created = created
    }

    /// The first 12 hex digits of the id, as `docker images` shows them.
    public var shortID: String {
        String((id.hasPrefix("sha256:") ? id.dropFirst(7) : id[...]).prefix(12))
    }

    /// `agentchat-backend:latest (3f2a1b2c3d4e)`, with the digest when there is one.
    public var described: String {
        "\(name) (\(shortID)\(digest.map { ", \($0)" } ?? ""))"
    }
}
