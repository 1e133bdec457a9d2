/// Reads the CPU limit of containers with `docker inspect`: `--cpus` (NanoCpus) or a CFS quota,
/// in percent of one core, the unit `docker stats` uses.
public struct CPULimitReader: Sendable {
    let docker: DockerCLI

    public init(docker: DockerCLI) {
        self.docker = docker
    }

    /// Container id (as given) → its limit, nil for no limit. Containers that are gone are left out.
    public func limits(of ids: [String]) async -> [String: Double?] {
        guard !ids.isEmpty else { return [:] }
        let format = "{{.Id}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuQuota}} {{.HostConfig.CpuPeriod}}"
        var result: [String: Double?] = [:]
        for id in ids {
            // One at a time: `docker inspect` fails as a whole when any of its containers is gone.
            guard let line = try? await docker.output(["inspect", "--format", format, "--", id]) else { continue }
            if let limit = Self.parse(line) { result[id] = limit.percent }
        }
        return result
    }

    /// `<id> <NanoCpus> <CpuQuota> <CpuPeriod>` → the limit in percent of one core (nil: none).
    static func parse(_ line: String) -> (id: String, percent: Double?)? {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 4, let nano = Double(fields[1]), let quota = Double(fields[2]), let period = Double(fields[3]) else {
            return nil
        }
        if nano > 0 { return (String(fields[0]), nano / 1e9 * 100) }
        if quota > 0 && period > 0 { return (String(fields[0]), quota / period * 100) }
        return (String(fields[0]), nil)
    }
}
