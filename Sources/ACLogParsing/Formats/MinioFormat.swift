import ACLogModel

/// MinIO server output: the startup banner (`API: http://...`, `Console: ...`, `Status: ...`),
/// `WARNING: ...` / `ERROR ...` lines, and its error blocks, which start with `API: SYSTEM()` (or
/// the API call) and go on with `Time:`, `DeploymentID:`, `Error:` and indented stack lines.
public struct MinioFormat: LogFormat {
    public let name = "minio"
    public var firstBytes: FirstBytes { .capitals }
    public init() {}

    static let blockKeys = ["Time: ", "DeploymentID: ", "RequestID: ", "RemoteHost: ", "Host: ", "UserAgent: ", "Error: ", "Bucket: ", "Object: "]

    public func parse(_ line: LineBytes) -> ParsedLine? {
        let message = line.text
        var fields = Fields()
        fields.set("logger", "minio")
        if line.hasPrefix("WARNING: ") { return ParsedLine(level: .warn, fields: fields) }
        if line.hasPrefix("ERROR ") || line.hasPrefix("ERROR: ") || line.hasPrefix("FATAL ") {
            return ParsedLine(level: line.hasPrefix("FATAL") ? .fatal : .error, fields: fields)
        }
        if line.hasPrefix("API: "), let paren = line.index(of: "(", from: 5), line.hasSuffix(")"), !message.contains("://") {
            fields.set("minio.api", line.string(5..<paren))
            return ParsedLine(level: .error, fields: fields, announcesBlock: true)
        }
        if Self.blockKeys.contains(where: { line.hasPrefix($0) }) {
            return ParsedLine(level: .unknown, startsRecord: false)
        }
        if ["API: ", "Console: ", "S3-API: ", "RootUser: ", "RootPass: ", "Documentation: ", "Status: ", "Copyright: ", "License: ", "Version: ", "Runtime: ", "Formatting ", "MinIO Object Storage Server"]
            .contains(where: { line.hasPrefix($0) }) {
            return ParsedLine(level: .info, fields: fields)
        }
        return nil
    }
}
