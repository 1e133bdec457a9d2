import ACLogModel

extension ReadOnlyDatabase {
    /// The container rows that the words name (each a compose service, a container name or an id
    /// prefix: `containers(named:)`); every container when there are none.
    public func containers(for services: [String]) throws -> [Int64] {
        if services.isEmpty { return try allContainers() }
        var rows: [Int64] = []
        for word in services { rows += try containers(named: word) }
        return rows
    }
}
