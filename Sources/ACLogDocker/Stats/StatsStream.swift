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
        try await docker.follow(["stats", "--format", "{{json .}}"]) { output in
            var splitter = StatsFrameSplitter()
            for try await buffer in output {
                let frames = buffer.withBytes { splitter.feed($0) }
                for frame in frames { await Self.deliver(frame, to: handle) }
            }
            if let last = splitter.finish() { await Self.deliver(last, to: handle) }
        }
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
