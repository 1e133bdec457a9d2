import ACLogModel
import FoundationEssentials

/// Reads one line of `docker stats --format '{{json .}}'`: every value is a string.
public enum StatsSampleDecoder {
    struct Wire: Decodable {
        var ID: String
        var Name: String?
        var CPUPerc: String?
        var MemUsage: String?
        var NetIO: String?
        var BlockIO: String?
        var PIDs: String?
    }

    /// Nil for a line that is not a stats object (a cut-off line, a message of the CLI).
    public static func decode(_ line: some StringProtocol) -> ResourceSample? {
        guard let wire = try? JSONDecoder().decode(Wire.self, from: Data(line.utf8)), !wire.ID.isEmpty else {
            return nil
        }
        let (memory, limit) = DockerSize.pair(wire.MemUsage ?? "")
        let (received, sent) = DockerSize.pair(wire.NetIO ?? "")
        let (read, written) = DockerSize.pair(wire.BlockIO ?? "")
        return ResourceSample(
            containerID: wire.ID, name: wire.Name ?? wire.ID,
            cpuPercent: DockerSize.percent(wire.CPUPerc ?? ""),
            memoryBytes: memory,
            // An exited container shows `0B / 0B`: no limit rather than a limit of nothing.
            memoryLimitBytes: limit == 0 ? nil : limit,
            networkReceivedBytes: received, networkSentBytes: sent,
            blockReadBytes: read, blockWrittenBytes: written,
            pids: DockerSize.count(wire.PIDs ?? "")
        )
    }
}
