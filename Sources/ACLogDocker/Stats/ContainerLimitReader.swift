/// Reads the limits of containers with `docker inspect`: the CPU limit, `--cpus` (NanoCpus) or a
/// CFS quota, in percent of one core (the unit `docker stats` uses), and whether memory is limited.
/// `docker stats` shows the host's memory as the limit of a container that has none, so only
/// inspect can tell.
public struct ContainerLimitReader: Sendable {
    public struct Limits: Sendable, Equatable {
        /// Percent of one core; nil for none.
        public var cpuPercent: Double?
        /// Bytes; nil for none.
        public var memoryBytes: Int64?
    }

    let docker: DockerCLI

    public init(docker: DockerCLI) {
        self.docker = docker
    }

    /// Container id (as given) → its limits. Containers that are gone are left out.
    public func limits(of ids: [String]) async -> [String: Limits] {
        guard !ids.isEmpty else { return [:] }
        let format = "{{.Id}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuQuota}} {{.HostConfig.CpuPeriod}} {{.HostConfig.Memory}}"
        var result: [String: Limits] = [:]
        for id in ids {
            // One at a time: `docker inspect` fails as a whole when any of its containers is gone.
            guard let line = try? await docker.output(["inspect", "--format", format, "--", id]) else { continue }
            if let parsed = Self.parse(line) { result[id] = parsed.limits }
        }
        return result
    }

    /// `<id> <NanoCpus> <CpuQuota> <CpuPeriod> <Memory>` → the limits (0 means none).
    static func parse(_ line: String) -> (id: String, limits: Limits)? {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 5, let nano = Double(fields[1]), let quota = Double(fields[2]), let period = Double(fields[3]),
              let memory = Int64(fields[4])
        else { return nil }
        let cpu: Double? = nano > 0 ? nano / 1e9 * 100 : quota > 0 && period > 0 ? quota / period * 100 : nil
        return (String(fields[0]), Limits(cpuPercent: cpu, memoryBytes: memory > 0 ? memory : nil))
    }
}
