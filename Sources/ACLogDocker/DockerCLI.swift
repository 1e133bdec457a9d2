import Subprocess
import SystemPackage

/// Runs the `docker` command line client. Arguments go straight to exec: nothing passes through a shell.
public struct DockerCLI: Sendable {
    /// A path (contains `/`) or a name looked up on PATH.
    public let executable: String
    /// Set by a collector: put in the environment of every docker it starts (see `CollectorMark`).
    public let mark: CollectorMark?

    public init(executable: String, mark: CollectorMark? = nil) {
        self.executable = executable
        self.mark = mark
    }

    /// This client, starting every docker with `mark` in its environment.
    public func marked(_ mark: CollectorMark?) -> DockerCLI {
        DockerCLI(executable: executable, mark: mark)
    }

    /// `--docker PATH` first, then `ACLOG_DOCKER`, then `docker` on PATH.
    public static func resolve(explicit: String?, environment: [String: String]) -> DockerCLI {
        if let explicit, !explicit.isEmpty { return DockerCLI(executable: explicit) }
        if let fromEnvironment = environment["ACLOG_DOCKER"], !fromEnvironment.isEmpty {
            return DockerCLI(executable: fromEnvironment)
        }
        return DockerCLI(executable: "docker")
    }

    var subprocessExecutable: Executable {
        executable.contains("/") ? .path(FilePath(executable)) : .name(executable)
    }

    var environment: Environment {
        guard let mark else { return .inherit }
        // CollectorMark.variable: a key is made from a literal only.
        return .inherit.updating(["ACLOG_COLLECTOR": mark.description])
    }

    /// Runs a short command to completion and returns its standard output.
    public func output(_ arguments: [String], limit: Int = 64 * 1024 * 1024) async throws(DockerError) -> String {
        let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
        do {
            result = try await run(
                subprocessExecutable, arguments: Arguments(arguments), environment: environment,
                output: .string(limit: limit), error: .string(limit: 64 * 1024)
            )
        } catch {
            throw mapLaunchError(error)
        }
        guard result.terminationStatus.isSuccess else {
            throw failure(arguments, status: result.terminationStatus, stderr: result.standardError)
        }
        return result.standardOutput
    }

    /// How a streaming command is stopped: a child that ignores SIGTERM (docker stats with names
    /// ignores two) is killed 1 s later.
    static var streamingOptions: PlatformOptions {
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(1))]
        // A group of their own: Ctrl-C on aclog's terminal reaches aclog alone, which stops its
        // children in order, rather than every `docker logs` at once (which then looked like
        // followers failing on their own, and was recorded as gaps).
        options.processGroupID = 0
        return options
    }

    /// Runs a streaming command. `body` gets the live process; when it returns, the process is
    /// terminated if it still runs. Returns the exit status.
    public func stream(
        _ arguments: [String],
        body: (Execution<NoInput, SequenceOutput, SequenceOutput>) async throws -> Void
    ) async throws(DockerError) -> TerminationStatus {
        try await launching {
            try await run(
                subprocessExecutable, arguments: Arguments(arguments), environment: environment,
                platformOptions: Self.streamingOptions, input: .none, output: .sequence, error: .sequence, body: body
            ).terminationStatus
        }
    }

    /// Runs a streaming command whose output pipes `PipePoller` reads (see there why), until `body`
    /// has read both to their end; the process is terminated when the task is cancelled. Returns
    /// the exit status.
    public func streamPipes(
        _ arguments: [String],
        body: @escaping @Sendable (_ output: PipeReader, _ error: PipeReader) async throws -> Void
    ) async throws(DockerError) -> TerminationStatus {
        let (output, outputEnd) = try PipePoller.shared.makePipe()
        defer { PipePoller.shared.close(output.fd) }
        let (error, errorEnd) = try PipePoller.shared.makePipe()
        defer { PipePoller.shared.close(error.fd) }
        let executable = subprocessExecutable
        let environment = environment
        return try await launching {
            try await withThrowingTaskGroup(of: TerminationStatus?.self) { group in
                group.addTask {
                    try await body(output, error)
                    return nil
                }
                group.addTask {
                    // The write ends go to the child and are closed here once it runs: the pipes
                    // end when the child exits.
                    return try await run(
                        executable, arguments: Arguments(arguments), environment: environment,
                        platformOptions: Self.streamingOptions, input: .none,
                        output: .fileDescriptor(FileDescriptor(rawValue: outputEnd), closeAfterSpawningProcess: true),
                        error: .fileDescriptor(FileDescriptor(rawValue: errorEnd), closeAfterSpawningProcess: true)
                    ).terminationStatus
                }
                var status: TerminationStatus?
                do {
                    for try await finished in group { if let finished { status = finished } }
                } catch {
                    group.cancelAll()
                    throw error
                }
                return status!
            }
        }
    }

    /// Runs a streaming command whose standard output `output` reads while its standard error is
    /// collected, until it exits or the task is cancelled. Returns its first line on stderr, if
    /// any; throws `notAnswering` when it failed because the engine did not answer.
    public func follow(
        _ arguments: [String],
        output: @escaping @Sendable (SubprocessOutputSequence) async throws -> Void
    ) async throws(DockerError) -> String? {
        var stderrText = ""
        let status = try await stream(arguments) { execution in
            stderrText = try await withThrowingTaskGroup(of: String.self) { group in
                group.addTask {
                    try await output(execution.standardOutput)
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

    /// Runs `body`, which starts docker: a failure to start it becomes a `DockerError`.
    func launching<T>(_ body: () async throws -> T) async throws(DockerError) -> T {
        do {
            return try await body()
        } catch let error as DockerError {
            throw error
        } catch {
            throw mapLaunchError(error)
        }
    }

    func mapLaunchError(_ error: any Error) -> DockerError {
        if let error = error as? SubprocessError, error.code == .executableNotFound {
            return .notFound(executable)
        }
        return .failed(command: "docker", status: "not started", message: "\(error)")
    }

    func failure(_ arguments: [String], status: TerminationStatus, stderr: String) -> DockerError {
        let message = stderr.split(separator: "\n").first.map(String.init) ?? ""
        if DockerError.isUnreachable(message) { return .notAnswering(message) }
        return .failed(command: "docker " + (arguments.first ?? ""), status: "\(status)", message: message)
    }
}
