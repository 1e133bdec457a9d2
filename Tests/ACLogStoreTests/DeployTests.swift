import ACLogModel
@testable import ACLogStore
import ACLogTestSupport
import Testing

/// A deploy (issue 19): a service's container created from another image than the container of
/// the service created before it. A re-created container of the same image, a replica of it, and
/// another service's image are not deploys.
@Suite struct DeployTests {
    let store: CollectorStore

    init() throws {
        store = try CollectorStore(path: temporaryDatabase())
    }

    func image(_ id: String, _ name: String, at minute: Int64) -> ContainerImage {
        ContainerImage(name: name, id: "sha256:" + id + String(repeating: "0", count: 64 - id.count), digest: nil, created: minute * Timestamp.nanosPerMinute)
    }

    func created(_ id: String, service: String, _ image: ContainerImage) throws -> ContainerImage? {
        let row = try store.register(container(id, name: service + "-" + id, service: service), at: image.created)
        return try store.setImage(image, row: row)
    }

    @Test func anotherImageIsADeployTheSameIsNot() throws {
        #expect(try created("a1", service: "api", image("111", "api:1", at: 1)) == nil)        // the first: nothing before it
        #expect(try created("a2", service: "api", image("111", "api:1", at: 2)) == nil)        // re-created, same image
        #expect(try created("a3", service: "api", image("111", "api:1", at: 2)) == nil)        // a replica
        #expect(try created("w1", service: "worker", image("222", "worker:1", at: 3)) == nil)  // another service
        let replaced = try #require(try created("a4", service: "api", image("333", "api:1", at: 4)))  // the tag moved: a new id
        #expect(replaced.id.hasPrefix("sha256:111") && replaced.name == "api:1")
        #expect(replaced.described == "api:1 (111000000000)")
        #expect(try created("a5", service: "api", image("333", "api:1", at: 5)) == nil)
        #expect(try store.containersWithImage().count == 6)
    }

    /// Containers listed together are recorded oldest first; one recorded late compares with the
    /// container created before it, not with a newer one.
    @Test func aDeployComparesWithTheContainerCreatedBefore() throws {
        #expect(try created("b2", service: "api", image("222", "api:2", at: 10)) == nil)
        #expect(try created("b1", service: "api", image("111", "api:1", at: 5)) == nil)
    }
}
