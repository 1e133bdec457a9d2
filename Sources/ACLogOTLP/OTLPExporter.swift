import ACLogHTTP
import ACLogQuery
import CompressNIO
#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOCore
import NIOPosix
import SwiftProtobuf

/// Sends every stored record to one OTLP/HTTP endpoint, in the order they were stored, from the
/// endpoint's cursor in the database: read a batch after the cursor, post it, and move the cursor
/// once the receiver acknowledged it. A receiver that is down, slow or says 429/503 is tried
/// again with backoff, for as long as it takes; the database holds what waits.
public struct OTLPExporter: Sendable {
    public let endpoint: OTLPEndpoint
    let databasePath: String
    let cursors: any ExportCursorStore
    let logger: Logger
    public var batchRecords = 2_000
    /// About this many bytes of message text in one request, before compression.
    public var batchBytes = 1 << 20
    public var idlePoll: Duration = .milliseconds(200)
    public var maxBackoff: Duration = .seconds(30)
    let hostName: String

    public init(endpoint: OTLPEndpoint, databasePath: String, cursors: any ExportCursorStore, logger: Logger) {
        self.endpoint = endpoint
        self.databasePath = databasePath
        self.cursors = cursors
        self.logger = logger
        hostName = Self.hostName()
    }

    /// A batch read and encoded, ready to post.
    struct Batch: Sendable {
        var after: Int64
        var last: Int64
        var count: Int
        var body: ByteBuffer
        /// Records retention deleted before they were sent, as the cursor says now.
        var missed: Int64
    }

    /// Exports until the task is cancelled. While a batch is posted, the next one is read and
    /// encoded beside it; it is sent only after the first was acknowledged, so at most one batch
    /// is ever in flight (and sent twice after a crash).
    public func run() async {
        // Reading and encoding block: they run on a thread of their own, not the collector's tasks'.
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        defer { Task { try? await thread.shutdownGracefully() } }
        var backoff: Duration = .milliseconds(500)
        var failing: String?
        var limit = batchRecords
        var missedSeen: Int64?
        var database: DatabaseHandle?
        var pending: Batch?
        var begun = false
        while !Task.isCancelled {
            do {
                if !begun {
                    try await cursors.beginExport(endpoint: endpoint.url)
                    begun = true
                }
                if database == nil { database = try await thread.runIfActive { DatabaseHandle(try ReadOnlyDatabase(path: databasePath)) } }
                let reader = database!
                let size = (limit: limit, budget: batchBytes)
                if pending == nil {
                    pending = try await thread.runIfActive { try self.read(reader.database, after: nil, limit: size.limit, budget: size.budget) }
                }
                guard let batch = pending else {
                    try await Task.sleep(for: idlePoll)
                    continue
                }
                if let seen = missedSeen, batch.missed > seen {
                    logger.warning("retention deleted \(batch.missed - seen) records before they were sent to \(endpoint.url)")
                }
                missedSeen = batch.missed
                async let following = thread.runIfActive { try self.read(reader.database, after: batch.last, limit: size.limit, budget: size.budget) }
                let answer: ExportAnswer
                do {
                    answer = try await post(batch)
                } catch {
                    _ = try? await following
                    throw error
                }
                var moved = false
                switch answer {
                case .accepted(let rejected, let message):
                    let taken = Int64(batch.count) - min(rejected, Int64(batch.count))
                    moved = try await cursors.exportAcknowledged(endpoint: endpoint.url, from: batch.after, to: batch.last, sent: taken, rejected: Int64(batch.count) - taken)
                    if rejected > 0 { logger.warning("\(endpoint.url) refused \(rejected) of \(batch.count) records: \(message)") }
                    if failing != nil { logger.info("sending to \(endpoint.url) again") }
                    failing = nil
                    backoff = .milliseconds(500)
                    limit = batchRecords
                case .refused(let reason):
                    // Sent again it would be refused again, and hold back every record after it.
                    moved = try await cursors.exportAcknowledged(endpoint: endpoint.url, from: batch.after, to: batch.last, sent: 0, rejected: Int64(batch.count))
                    logger.error("\(endpoint.url) refused a batch of \(batch.count) records for good (\(reason)); going on with the next")
                case .tooLarge where batch.count > 1:
                    limit = max(1, batch.count / 2)
                case .tooLarge:
                    moved = try await cursors.exportAcknowledged(endpoint: endpoint.url, from: batch.after, to: batch.last, sent: 0, rejected: 1)
                    logger.error("\(endpoint.url) refused a record as too large (HTTP 413); going on with the next")
                case .retry(let reason, let after):
                    _ = try? await following
                    try await wait(reason, after: after, backoff: &backoff, failing: &failing)
                    continue
                }
                // The next batch read ahead holds when the cursor moved to where it starts; else
                // (retention moved the cursor meanwhile, or the batch was halved) it is read again.
                let next = try await following
                pending = moved ? next : nil
            } catch is CancellationError {
                break
            } catch let failure as HTTPFailure {
                do { try await wait(failure.reason, after: nil, backoff: &backoff, failing: &failing) } catch { break }
            } catch {
                if Task.isCancelled { break }
                logger.error("OTLP export to \(endpoint.url): \(error)")
                pending = nil
                do { try await wait("\(error)", after: nil, backoff: &backoff, failing: &failing) } catch { break }
            }
        }
    }

    /// Notes the failure (said once per streak) and sleeps the backoff, or what the receiver asked.
    private func wait(_ reason: String, after: Double?, backoff: inout Duration, failing: inout String?) async throws {
        if failing == nil { logger.warning("cannot send to \(endpoint.url): \(reason); trying again with backoff, nothing is lost meanwhile") }
        failing = reason
        try? await cursors.exportFailed(endpoint: endpoint.url, reason: reason)
        let asked = after.map { Duration.milliseconds(Int64(min(max($0, 0), 300) * 1000)) } ?? .zero
        try await Task.sleep(for: max(backoff, asked))
        backoff = min(backoff * 2, maxBackoff)
    }

    private func post(_ batch: Batch) async throws(HTTPFailure) -> ExportAnswer {
        var headers: [(String, String)] = [("Content-Type", endpoint.encoding == .protobuf ? "application/x-protobuf" : "application/json")]
        if endpoint.gzip { headers.append(("Content-Encoding", "gzip")) }
        headers += endpoint.headers
        let answer = try await HTTPExchange.post(batch.body, headers: headers, to: endpoint.target, timeout: .seconds(30))
        return ExportAnswer(answer, encoding: endpoint.encoding)
    }

    /// The next batch after `after` (nil: the cursor), encoded (and compressed); nil when there
    /// is nothing to send.
    func read(_ database: ReadOnlyDatabase, after: Int64?, limit: Int, budget: Int) throws -> Batch? {
        guard let cursor = try database.exportCursor(endpoint: endpoint.url) else { return nil }
        let start = after ?? cursor.lastID
        var records = try database.recordsToExport(after: start, limit: limit)
        guard !records.isEmpty else { return nil }
        var bytes = 0
        if let over = records.firstIndex(where: { bytes += $0.message.utf8.count + 256; return bytes > budget }), over > 0 {
            records.removeSubrange(over...)
        }
        var body = try encode(LogsRequest.make(records, hostName: hostName))
        // The fastest level: at the default, zlib took 27 % of the export's time (perf); this one
        // sends about 28 % more bytes (scripts/bench/otlp.py).
        if endpoint.gzip { body = try body.compress(with: .gzip(configuration: .init(compressionLevel: 1))) }
        return Batch(after: start, last: records.last!.id, count: records.count, body: body, missed: cursor.missed)
    }

    func encode(_ request: ExportLogsRequest) throws -> ByteBuffer {
        switch endpoint.encoding {
        case .protobuf:
            let bytes: [UInt8] = try request.serializedBytes()
            return ByteBuffer(bytes: bytes)
        case .json:
            // OTLP/JSON: enum values as integers; trace and span ids are never set here.
            var options = JSONEncodingOptions()
            options.alwaysPrintEnumsAsInts = true
            let bytes: [UInt8] = try request.jsonUTF8Bytes(options: options)
            return ByteBuffer(bytes: bytes)
        }
    }

    static func hostName() -> String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return "localhost" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The export's read-only connection, used by its one thread only.
final class DatabaseHandle: @unchecked Sendable {
    let database: ReadOnlyDatabase
    init(_ database: ReadOnlyDatabase) { self.database = database }
}
