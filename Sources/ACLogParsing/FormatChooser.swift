import ACLogModel

/// Chooses the chain of formats for a container, from its image and service.
///
/// Only the generic format exists so far; format-specific parsers are added here by image
/// (`mysql:*`, `redis:*`, `nginx:*`) and service, and sniffed from the first lines otherwise.
public struct FormatChooser: Sendable {
    public init() {}

    public func formats(for container: ContainerInfo) -> [any LogFormat] {
        [GenericFormat()]
    }
}
