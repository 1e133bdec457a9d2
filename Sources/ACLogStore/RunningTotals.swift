import ACLogModel
import ACLogSQLite

/// Adds to the running totals behind the Prometheus counters (`container_counters`,
/// `record_totals`, `response_totals`), inside the writer's transactions: records by stream and
/// level, HTTP responses by status class, a sample's CPU seconds and bytes, OOM kills and restarts.
final class RunningTotals {
    let db: SQLiteConnection
    private let addRecords: SQLiteStatement
    private let addResponses: SQLiteStatement
    private let addContainer: SQLiteStatement
    private let isRestart: SQLiteStatement

    init(db: SQLiteConnection) throws(StoreError) {
        self.db = db
        addRecords = try db.prepare(NamedQuery.sql("store/add_record_totals"))
        addResponses = try db.prepare(NamedQuery.sql("store/add_response_totals"))
        addContainer = try db.prepare(NamedQuery.sql("store/add_container_counters"))
        isRestart = try db.prepare(NamedQuery.sql("store/is_restart"))
    }

    /// One batch's records of one container, counted by stream and level and by status class.
    struct RecordTally {
        /// [stream][level]
        private(set) var records = Array(repeating: Array(repeating: Int64(0), count: Level.allCases.count), count: 3)
        /// [status / 100], 1xx to 5xx
        private(set) var responses = Array(repeating: Int64(0), count: 6)

        mutating func count(_ record: LogRecord) {
            records[record.stream.rawValue][record.level.rawValue] += 1
            if let status = record.httpStatus, (100..<600).contains(status) { responses[status / 100] += 1 }
        }
    }

    func add(_ tally: RecordTally, row: Int64) throws(StoreError) {
        for (stream, levels) in tally.records.enumerated() {
            for (level, n) in levels.enumerated() where n > 0 {
                let s = addRecords
                s.reset()
                s.bind(row, at: 1)
                s.bind(Int64(stream), at: 2)
                s.bind(Int64(level), at: 3)
                s.bind(n, at: 4)
                try s.step()
            }
        }
        for (statusClass, n) in tally.responses.enumerated() where n > 0 {
            let s = addResponses
            s.reset()
            s.bind(row, at: 1)
            s.bind(Int64(statusClass), at: 2)
            s.bind(n, at: 3)
            try s.step()
        }
    }

    /// A sample's CPU seconds and bytes.
    func add(_ increments: [Metric: Double], row: Int64) throws(StoreError) {
        guard !increments.isEmpty else { return }
        try addToContainer(row: row, cpu: increments[.cpu] ?? 0, bytes: [.netRx, .netTx, .blockRead, .blockWrite].map { increments[$0] ?? 0 })
    }

    /// An event stored for the first time: an OOM kill, or a start that follows a die (a restart).
    func add(_ event: ContainerEvent, row: Int64) throws(StoreError) {
        switch event.action {
        case "oom":
            try addToContainer(row: row, oomKills: 1)
        case "start":
            isRestart.reset()
            isRestart.bind(row, at: 1)
            isRestart.bind(event.time, at: 2)
            if try isRestart.step(), isRestart.int64(0) == 1 { try addToContainer(row: row, restarts: 1) }
        default:
            break
        }
    }

    private func addToContainer(row: Int64, cpu: Double = 0, bytes: [Double] = [0, 0, 0, 0], oomKills: Int64 = 0, restarts: Int64 = 0) throws(StoreError) {
        let s = addContainer
        s.reset()
        s.bind(row, at: 1)
        s.bind(cpu, at: 2)
        for (i, value) in bytes.enumerated() { s.bind(value, at: Int32(3 + i)) }
        s.bind(oomKills, at: 7)
        s.bind(restarts, at: 8)
        try s.step()
    }
}
