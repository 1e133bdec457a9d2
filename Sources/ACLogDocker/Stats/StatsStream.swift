import ACLogModel

/// Follows `docker stats --format '{{json .}}'` for every running container (no names given, so
/// the CLI adds containers as they start and stops on one SIGTERM).
public struct StatsStream: Sendable {
    let docker: DockerCLI

    public init(docker: DockerCLI) {
        self.docker = docker
    }

    /// Calls `handle` with the samples of each frame (about one every 500 ms) and how many of its
    /// lines could not be read, until the CLI exits or the task is cancelled. Returns the CLI's
    /// first line on stderr, if any.
    public func follow(
        handle: @escaping @Sendable (_ samples: [ResourceSample], _ unreadable: [String]) async -> Void
    ) async throws(DockerError) -> String? {
        var stderrText = ""
        let status = try await docker.stream(["stats", "--format", "{{json .}}"]) { execution in
            stderrText = try await withThrowingTaskGroup(of: String.self) { group in
                group.addTask {
                    var splitter = StatsFrameSplitter()
                    for try await buffer in execution.standardOutput {
                        let frames = buffer.withBytes { splitter.feed($0) }
                        for frame in frames { await Self.deliver(frame, to: handle) }
                    }
                    if let last = splitter.finish() { await Self.deliver(last, to: handle) }
                    return ""
                }
                group.addTask {
                    var text = ""
                    for try await buffer in execution.standardError {
                        buffer.withBytes { text += String(decoding: $0, as: UTF8.self) }
                    }
                    return text
                }
                var collected = ""
                for try await part in group { collected += part }
                return collected
            }
        }
        let message = stderrText.split(separator: "\n").first.map(String.init)
        if !status.isSuccess, let message, DockerError.isUnreachable(message) {
            throw .notAnswering(message)
        }
        return message
    }

    static func deliver(
        _ frame: [String], to handle: @Sendable ([ResourceSample], [String]) async -> Void
    ) async {
        var samples: [ResourceSample] = []
        var unreadable: [String] = []
        for line in frame {
            if let sample = StatsSampleDecoder.decode(line) { samples.append(sample) } else { unreadable.append(line) }
        }
        await handle(samples, unreadable)
    }
}
