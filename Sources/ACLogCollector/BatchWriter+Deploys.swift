import ACLogModel
import ACLogSQLite

extension BatchWriter {
    /// Records the image a container was created from; when the service's previous container ran
    /// another image, its creation is a deploy: an event `deploy` of this container (stored once,
    /// however often the collector reads it again), judged by the alert rules like any event.
    /// Returns the deploy's detail, or nil when this was none.
    @discardableResult
    public func noteImage(_ image: ContainerImage, containerID: String) throws(StoreError) -> String? {
        guard let row = row(forDockerID: containerID), let container = containers[row] else { return nil }
        guard let previous = try store.setImage(image, row: row) else { return nil }
        let detail = "\(previous.described) → \(image.described)"
        append(event: ContainerEvent(time: image.created, action: "deploy", container: container, detail: detail), row: row)
        return detail
    }

    /// The docker ids of the containers whose image is already recorded.
    public func containersWithImage() throws(StoreError) -> Set<String> {
        try store.containersWithImage()
    }
}
