import ACLogDocker
import ACLogModel
import ACLogParsing
import ACLogSQLite
import ACLogStore
import FoundationEssentials
import Logging

/// `aclog import`: loads saved logs into the database through the same cooking, multi-line
/// assembly and checkpoints as the collector, so importing a file twice adds nothing.
public struct Importer: Sendable {
    public struct Summary: Sendable {
        public var records: Int
        public var container: String
    }

    let writer: BatchWriter
    let logger: Logger
    let parsing: ParsingConfiguration

    public init(databasePath: String, logger: Logger, parsing: ParsingConfiguration = ParsingConfiguration()) throws(StoreError) {
        writer = try BatchWriter(path: databasePath, docker: nil)
        self.logger = logger
        self.parsing = parsing
    }

    /// The container a file's records are filed under: a json-file's own container id, else one
    /// made from the service and container names given (or the file name).
    public static func container(for reader: LogFileReader, service: String?, name: String?) -> ContainerInfo {
        let fileName = reader.fileName
        let base = name ?? service ?? fileName.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? fileName
        let id = reader.dockerID ?? "import:" + (service ?? "") + ":" + base
        return ContainerInfo(id: id, name: name ?? base, image: "", composeService: service ?? base, state: "imported")
    }

    /// Imports one file; `progress` gets the bytes read so far.
    public func importFile(_ reader: LogFileReader, container: ContainerInfo, progress: @escaping @Sendable (Int) -> Void) async throws -> Summary {
        let row = try await writer.register(container)
        let pipeline = ContainerPipeline(
            row: row, builder: RecordBuilder(container: container, chooser: parsing.chooser, redactor: parsing.redactor),
            writer: writer, logger: logger, checkpoints: try await writer.positions(row: row), multiline: parsing.multiline)
        do {
            try await reader.read(deliver: { stream, lines in await pipeline.accept(stream, lines) }, progress: progress)
        } catch {
            await pipeline.finish()
            try await writer.flush()
            throw error
        }
        await pipeline.finish()
        try await writer.flush()
        return Summary(records: await pipeline.delivered, container: container.name)
    }

    public func finish() async throws {
        try await writer.finish()
    }
}
