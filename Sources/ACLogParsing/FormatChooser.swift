import ACLogModel

/// Chooses the chain of formats for a container: by its image and compose service first, then, for
/// a container nothing names, every format in turn, line by line (so mixed output such as uvicorn
/// access lines beside loguru lines is handled too). `GenericFormat` always closes the chain.
public struct FormatChooser: Sendable {
    /// Format chains by a word found in the image name or the service (lowercased), first match wins.
    static let byName: [(words: [String], formats: [any LogFormat])] = [
        (["mysql", "mariadb", "percona"], [MySQLFormat()]),
        (["redis", "valkey"], [RedisFormat()]),
        (["nginx", "openresty"], [NginxFormat(unmatchedContinues: true)]),
        (["minio"], [MinioFormat(), JSONLineFormat()]),
        (["vite", "node", "frontend"], [ViteFormat(), JSONLineFormat()]),
        (["uvicorn", "gunicorn", "fastapi", "python", "backend"], [LoguruFormat(), UvicornFormat(), PythonLoggingFormat(), JSONLineFormat()]),
    ]

    /// Every format, in the order that keeps the specific ones from being shadowed.
    static let all: [any LogFormat] = [
        JSONLineFormat(), LoguruFormat(), MySQLFormat(), RedisFormat(), NginxFormat(), UvicornFormat(),
        PythonLoggingFormat(), ViteFormat(), MinioFormat(), LogfmtFormat(),
    ]

    static var byFormatName: [String: any LogFormat] {
        var formats = Dictionary(uniqueKeysWithValues: (all + [GenericFormat()]).map { ($0.name, $0) })
        formats["plain"] = GenericFormat()
        formats["nginx"] = NginxFormat(unmatchedContinues: true)
        return formats
    }

    /// Configured choices: service or container name → format names.
    public let overrides: [String: [String]]

    public init(overrides: [String: [String]] = [:]) {
        self.overrides = overrides
    }

    public func formats(for container: ContainerInfo) -> [any LogFormat] {
        if let names = overrides[container.service] ?? overrides[container.name] {
            return names.compactMap { Self.byFormatName[$0] } + [GenericFormat()]
        }
        let image = container.image.lowercased()
        let service = container.service.lowercased()
        for entry in Self.byName where entry.words.contains(where: { image.contains($0) || service.contains($0) }) {
            return entry.formats + [GenericFormat()]
        }
        return Self.all + [GenericFormat()]
    }

    /// The names users can give in configuration.
    public static var formatNames: [String] { (all + [GenericFormat()]).map(\.name) }
}
