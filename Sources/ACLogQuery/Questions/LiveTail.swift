import ACLogModel

/// `tail -f`: what is stored after a tail was answered, one poll at a time. Services are named
/// again at each poll, so a container created meanwhile is followed too.
public struct LiveTail: Sendable {
    public let question: TailQuestion
    private var after: Int64
    private var shownEarly: Set<Int64> = []

    /// Starts from what the database holds now: ask it before the first answer is read.
    public init(_ question: TailQuestion, in database: ReadOnlyDatabase) throws {
        self.question = question
        after = try database.maxRecordID()
    }

    /// Notes a record the first answer showed: one stored since `init` is not shown again.
    public mutating func noteShown(_ record: StoredRecord) {
        if record.id > after { shownEarly.insert(record.id) }
    }

    /// The records stored since the last poll that the question asks for.
    public mutating func poll(_ database: ReadOnlyDatabase) throws -> [StoredRecord] {
        let containers = try database.containers(for: question.scope.services)
        var fresh: [StoredRecord] = []
        for record in try database.records(after: after, containers: containers, minLevel: question.scope.minLevel, fields: question.fields) {
            after = max(after, record.id)
            if shownEarly.contains(record.id) { continue }
            if let until = question.scope.window.until, record.time >= until { continue }
            fresh.append(record)
        }
        return fresh
    }
}
