import ACLogDocker
import ACLogModel
import ACLogParsing
import ACLogStore
import Logging

/// Takes one container's decoded lines, drops those already stored, parses the rest into records
/// and hands them to the writer with the position they bring each stream to.
actor FollowerSink {
    private let row: Int64
    private let builder: RecordBuilder
    private let writer: BatchWriter
    private let logger: Logger
    private var filters: [LogStream: ResumeFilter]
    private var positions: [LogStream: StreamPosition]
    private(set) var delivered = 0

    init(row: Int64, builder: RecordBuilder, writer: BatchWriter, logger: Logger, checkpoints: [LogStream: StreamPosition]) {
        self.row = row
        self.logger = logger
        self.builder = builder
        self.writer = writer
        self.positions = checkpoints
        self.filters = [
            .stdout: ResumeFilter(checkpoint: checkpoints[.stdout]),
            .stderr: ResumeFilter(checkpoint: checkpoints[.stderr]),
        ]
    }

    /// `docker logs --since` for these checkpoints: the earlier of the two streams, or from the
    /// start when a stream has none (its earlier lines may not be stored yet).
    static func since(_ checkpoints: [LogStream: StreamPosition]) -> Int64? {
        guard let out = checkpoints[.stdout], let err = checkpoints[.stderr] else { return nil }
        return min(out.time, err.time)
    }

    func accept(_ stream: LogStream, _ lines: [DockerLine]) async {
        var records: [LogRecord] = []
        records.reserveCapacity(lines.count)
        var filter = filters[stream]!
        var position = positions[stream] ?? StreamPosition(time: Int64.min, countAtTime: 0)
        for line in lines {
            let time = line.time ?? position.time
            guard filter.admits(time) else { continue }
            records.append(builder.record(time: time, stream: stream, text: line.text))
            position.advance(to: time)
        }
        filters[stream] = filter
        guard !records.isEmpty else { return }
        positions[stream] = position
        delivered += records.count
        do {
            try await writer.append(row: row, stream: stream, records: records, position: position)
        } catch {
            // The records stay in the writer's batch and are committed with the next one.
            logger.error("cannot write to the database: \(error)")
        }
    }
}
