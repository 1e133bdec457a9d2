import ACLogDocker
import ACLogModel
import ACLogParsing
import ACLogSQLite
import ACLogStore
import Logging
import Synchronization

/// Takes one container's decoded lines, drops those already stored, cooks the rest (clean, redact,
/// parse), joins multi-line records per stream, and hands finished records to the writer with the
/// position of their last line.
actor ContainerPipeline {
    private let row: Int64
    private let builder: RecordBuilder
    private let writer: BatchWriter
    private let logger: Logger
    private var filters: [LogStream: ResumeFilter]
    /// Where each stream's reading stands (lines in a pending record included).
    private var positions: [LogStream: StreamPosition]
    private var assemblers: [LogStream: MultilineAssembler]
    private var settlings: [LogStream: FormatSettling] = [.stdout: FormatSettling(), .stderr: FormatSettling()]
    /// Wall-clock time of each stream's last line, to close a record when its stream goes quiet.
    private var lastArrival: [LogStream: Int64] = [:]
    private(set) var delivered = 0
    /// Whether a record waits for more lines, readable without entering the actor: the one clock
    /// that closes idle records visits only the pipelines that have one.
    nonisolated let hasPending = Atomic<Bool>(false)
    /// When this pipeline's follower began: lines written before waited to be read.
    private let followingSince = Timestamp.now()
    private var deliveredStreams: Set<LogStream> = []

    init(row: Int64, builder: RecordBuilder, writer: BatchWriter, logger: Logger,
         checkpoints: [LogStream: StreamPosition], multiline: MultilineAssembler.Options = .init()) {
        self.row = row
        self.builder = builder
        self.writer = writer
        self.logger = logger
        self.positions = checkpoints
        self.filters = [
            .stdout: ResumeFilter(checkpoint: checkpoints[.stdout]),
            .stderr: ResumeFilter(checkpoint: checkpoints[.stderr]),
        ]
        self.assemblers = [.stdout: MultilineAssembler(options: multiline), .stderr: MultilineAssembler(options: multiline)]
    }

    /// `docker logs --since` for these checkpoints: the earlier of the two streams, or from the
    /// start when a stream has none (its earlier lines may not be stored yet).
    static func since(_ checkpoints: [LogStream: StreamPosition]) -> Int64? {
        guard let out = checkpoints[.stdout], let err = checkpoints[.stderr] else { return nil }
        return min(out.time, err.time)
    }

    func accept(_ stream: LogStream, _ lines: [DockerLine]) async {
        var filter = filters[stream]!
        var assembler = assemblers[stream]!
        var settling = settlings[stream]!
        var position = positions[stream] ?? StreamPosition(time: Int64.min, countAtTime: 0)
        var finished: [(record: LogRecord, tag: StreamPosition)] = []
        let missingBefore = filter.missing != nil
        // A stream's first delivery comes as its `docker logs` starts, however slowly that goes:
        // its delay is the start's, not the pipe's; so is that of lines written before it began.
        if deliveredStreams.contains(stream), let written = lines.first(where: { ($0.time ?? .min) >= followingSince })?.time {
            let now = Timestamp.now()
            writer.openRecords.noteReadDelay(now - written, now: now)
        }
        deliveredStreams.insert(stream)
        for line in lines {
            let time = line.time ?? position.time
            guard filter.admits(time) else { continue }
            position.advance(to: time)
            finished += assembler.add(builder.line(time: time, stream: stream, text: line.text, settling: &settling), tag: position)
        }
        if !missingBefore, let missing = filter.missing {
            logger.warning("Docker no longer has the last stored \(stream.name) line of this container: lines between \(Timestamp.rfc3339(missing.start)) and \(Timestamp.rfc3339(missing.end)) may be lost")
            await writer.append(gap: Gap(containerID: nil, start: missing.start, end: missing.end,
                                         reason: "Docker's log files were rotated or cut while aclog was away: \(stream.name) lines may be lost"),
                                row: row)
        }
        filters[stream] = filter
        assemblers[stream] = assembler
        settlings[stream] = settling
        positions[stream] = position
        lastArrival[stream] = Timestamp.now()
        notePending()
        await write(stream, finished)
        writer.openRecords.followerDelivered(row: row)
    }

    /// Closes the records of streams that stayed quiet for longer than their record may wait.
    func closeIdle(now: Int64) async {
        for stream in LogStream.allCases {
            guard let arrived = lastArrival[stream], let patience = assemblers[stream]!.pendingPatience,
                  now - arrived > patience else { continue }
            let closed = assemblers[stream]!.close()
            notePending()
            await write(stream, closed)
        }
    }

    /// Closes every pending record (the stream ended, or the collector stops) and returns once
    /// every record is with the writer.
    func finish() async {
        for stream in LogStream.allCases {
            let closed = assemblers[stream]!.close()
            notePending()
            await write(stream, closed)
        }
        await allHandedOver()
    }

    private func notePending() {
        hasPending.store(assemblers.values.contains { $0.hasPending }, ordering: .relaxed)
    }

    private func write(_ stream: LogStream, _ finished: [(record: LogRecord, tag: StreamPosition)]) async {
        guard let last = finished.last, let first = finished.first else {
            publishOpen(stream)
            return
        }
        delivered += finished.count
        var records = finished.map(\.record)
        for i in records.indices { pairing.count(&records[i]) }
        // On their way to the writer these records are read but not stored: `tail -f` waits for them.
        inFlight[stream, default: []].append(first.record.time)
        publishOpen(stream)
        let previous = deliveries.last
        queuedRecords += records.count
        deliveries.append(Task {
            await previous?.value
            await writer.append(row: row, stream: stream, records: records, position: last.tag)
            queuedRecords -= records.count
            if let i = inFlight[stream]?.firstIndex(of: first.record.time) { inFlight[stream]?.remove(at: i) }
            publishOpen(stream)
            deliveries.removeFirst()  // this one: they end in the order they were queued
        })
        while queuedRecords > Self.queueLimit, let oldest = deliveries.first {
            waitsForWriter.store(true, ordering: .relaxed)
            await oldest.value
            waitsForWriter.store(false, ordering: .relaxed)
        }
    }

    /// Whether `accept` waits for the writer to take what is queued.
    nonisolated let waitsForWriter = Atomic<Bool>(false)

    /// Records go to the writer in order, each chunk's task after the one before, while `accept`
    /// returns as soon as they are queued: the next lines are read and parsed while the writer
    /// commits, on the other core. Past `queueLimit` records queued, `accept` waits for the oldest,
    /// so a slow or failing writer still stops the reading (Docker keeps the lines).
    private var deliveries: [Task<Void, Never>] = []
    private var queuedRecords = 0
    static let queueLimit = 5_000

    /// Waits until everything queued is with the writer.
    private func allHandedOver() async {
        while let oldest = deliveries.first { await oldest.value }
    }

    /// The two log lines of one request (access log and middleware) count once.
    private var pairing = RequestPairing()

    /// The first times of the records being handed to the writer, per stream.
    private var inFlight: [LogStream: [Int64]] = [:]

    private func publishOpen(_ stream: LogStream) {
        let oldest = [assemblers[stream]!.pendingSince, inFlight[stream]?.min()].compactMap { $0 }.min()
        writer.openRecords.note(row: row, stream: stream, oldest: oldest)
    }
}
