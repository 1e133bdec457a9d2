import ACLogModel
import Subprocess
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Reads one container's output with `docker logs --timestamps`, stdout and stderr kept apart.
public struct LogFollower: Sendable {
    /// How a `docker logs` run ended.
    public struct Exit: Sendable, Equatable {
        public var succeeded: Bool
        public var status: String
        /// What the CLI itself said on stderr (lines without a timestamp), e.g. "No such container".
        public var messages: [String]
        /// It was stopped (SIGINT, SIGTERM, SIGKILL, SIGHUP, or the CLI's 130/143/137 after one),
        /// not failed: nothing says the lines could not be read.
        public var stopped: Bool = false
    }

    let docker: DockerCLI

    public init(docker: DockerCLI) {
        self.docker = docker
    }

    /// Streams lines to `deliver`, one call per read with all the lines it completed, until the
    /// container stops (with `follow`), its log is read to the end (without), or the task is cancelled.
    /// `since` is inclusive, as Docker's `--since` is.
    public func run(
        containerID: String,
        since: Int64?,
        follow: Bool,
        deliver: @escaping @Sendable (LogStream, [DockerLine]) async -> Void
    ) async throws(DockerError) -> Exit {
        var arguments = ["logs", "--timestamps"]
        if follow { arguments.append("--follow") }
        if let since { arguments += ["--since", Timestamp.rfc3339(since)] }
        arguments += ["--", containerID]
        let collected = Mutex<[String]>([])
        let status = try await docker.streamPipes(arguments) { output, error in
            let all = try await withThrowingTaskGroup(of: [String].self) { group in
                group.addTask {
                    try await Self.pump(output, stream: .stdout, deliver: deliver)
                }
                group.addTask {
                    try await Self.pump(error, stream: .stderr, deliver: deliver)
                }
                var all: [String] = []
                for try await part in group { all += part }
                return all
            }
            collected.withLock { $0 = all }
        }
        let messages = collected.withLock { $0 }
        return Exit(succeeded: status.isSuccess, status: "\(status)", messages: messages, stopped: Self.wasStopped(status))
    }

    static func wasStopped(_ status: TerminationStatus) -> Bool {
        let signals: Set<Int32> = [SIGINT, SIGTERM, SIGKILL, SIGHUP]
        switch status {
        case .exited(let code): return code > 128 && signals.contains(code - 128)
        case .signaled(let signal): return signals.contains(signal)
        }
    }

    /// Decodes one pipe. Returns the CLI's own messages: on stderr, lines without a timestamp.
    static func pump<S: AsyncSequence>(
        _ sequence: S, stream: LogStream,
        deliver: @Sendable (LogStream, [DockerLine]) async -> Void
    ) async throws -> [String] where S.Element: BufferBytes {
        var decoder = DockerLineDecoder()
        var messages: [String] = []
        var lines: [DockerLine] = []
        var lastTime: Int64 = 0
        func hand(_ lines: inout [DockerLine]) async {
            var kept: [DockerLine] = []
            kept.reserveCapacity(lines.count)
            for var line in lines {
                if let time = line.time {
                    lastTime = time
                } else if stream == .stderr {
                    messages.append(line.text)
                    continue
                } else {
                    line.time = lastTime
                }
                kept.append(line)
            }
            lines.removeAll(keepingCapacity: true)
            if !kept.isEmpty { await deliver(stream, kept) }
        }
        // A trickle is gathered for a moment by `PipePoller` before it comes here.
        for try await buffer in sequence {
            buffer.withBytes { bytes in decoder.feed(bytes, into: &lines) }
            await hand(&lines)
        }
        decoder.finish(into: &lines)
        await hand(&lines)
        return messages
    }
}
