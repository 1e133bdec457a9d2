import ACLogDocker
import ACLogModel
import Logging

/// Reads the image of every container the collector sees once (`docker inspect`), apart from
/// discovery so that following events never waits for it, and hands it to the writer, which tells
/// a deploy from a restart. Containers listed together are recorded in the order they were
/// created, so the older of two containers of a service is the one a deploy replaced.
final class ImageRecorder: Sendable {
    private let reader: ContainerImageReader
    private let writer: BatchWriter
    private let logger: Logger
    private let queue: AsyncStream<[ContainerInfo]>
    private let incoming: AsyncStream<[ContainerInfo]>.Continuation

    init(reader: ContainerImageReader, writer: BatchWriter, logger: Logger) {
        self.reader = reader
        self.writer = writer
        self.logger = logger
        (queue, incoming) = AsyncStream.makeStream()
    }

    /// Containers registered with the writer whose image may not be known yet.
    func seen(_ containers: [ContainerInfo]) {
        incoming.yield(containers)
    }

    /// Until cancelled.
    func run() async {
        var known = (try? await writer.containersWithImage()) ?? []
        for await containers in queue {
            var read: [(id: String, image: ContainerImage)] = []
            for container in containers where !known.contains(container.id) {
                if Task.isCancelled { return }
                if let image = await reader.image(of: container.id) { read.append((container.id, image)) }
            }
            for (id, image) in read.sorted(by: { $0.image.created < $1.image.created }) {
                do {
                    if let detail = try await writer.noteImage(image, containerID: id) {
                        logger.notice("deploy: \(containers.first { $0.id == id }?.service ?? id) \(detail)")
                    }
                    known.insert(id)
                } catch {
                    logger.error("cannot record the image of \(id.prefix(12)): \(error)")
                }
            }
        }
    }

    func finish() {
        incoming.finish()
    }
}
