import ACLogModel

/// Follows `docker events` for containers until the engine or the CLI stops.
public struct EventStream: Sendable {
    let docker: DockerCLI

    public init(docker: DockerCLI) {
        self.docker = docker
    }

    /// Calls `handle` for each container event since `since` (nanoseconds), in order. Returns when
    /// the stream ends: the engine stopped (exit 1, "unexpected EOF") or the task was cancelled.
    public func follow(
        since: Int64,
        handle: @escaping @Sendable (ContainerEvent) async -> Void
    ) async throws(DockerError) -> String? {
        let arguments = [
            "events", "--format", "{{json .}}", "--filter", "type=container",
            "--since", Self.unixTime(since),
        ]
        return try await docker.follow(arguments) { output in
            var decoder = LineSplitter()
            for try await buffer in output {
                let lines = buffer.withUnsafeBytes { decoder.feed($0) }
                for line in lines {
                    if let event = DockerEventDecoder.decode(line) { await handle(event) }
                }
            }
        }
    }

    /// `1795714942.744468825`: the unix time form `docker events --since` takes.
    static func unixTime(_ nanos: Int64) -> String {
        let seconds = nanos / 1_000_000_000
        let fraction = String(nanos % 1_000_000_000)
        return "\(seconds)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }
}

/// Splits a byte stream into text lines (for the CLI's plain outputs; log lines use DockerLineDecoder).
struct LineSplitter {
    private var pending: [UInt8] = []

    mutating func feed(_ chunk: UnsafeRawBufferPointer) -> [String] {
        var lines: [String] = []
        for byte in chunk {
            if byte == UInt8(ascii: "\n") {
                lines.append(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
            }
        }
        return lines
    }
}
