import ACLogModel
import Logging
import Testing
@testable import ACLogAlerts

/// A queue that holds nothing due, and counts how often the notifier looks.
actor CountingQueue: NotificationQueue {
    private(set) var looks = 0

    func dueNotifications(now: Int64) -> [(notification: AlertNotification, lines: [String])] {
        looks += 1
        return []
    }

    func nextNotificationDue() -> Int64? { Timestamp.now() + 60 * Timestamp.nanosPerSecond }
    func notificationSent(_ id: Int64, at now: Int64) {}
    func notificationFailed(_ notification: AlertNotification, reason: String, at now: Int64) -> Bool { false }
}

struct NotifierTests {
    /// Found by the ingest benchmark: a cancelled wait woke the loop, which cancelled the next wait,
    /// and so on: the notifier spun on a core while anything waited in the outbox.
    @Test func wakesAreAnsweredOnceEachAndTheNotifierOtherwiseSleeps() async throws {
        let queue = CountingQueue()
        let notifier = Notifier(channels: [], logger: Logger(label: "test"))
        let started = Timestamp.now()
        let running = Task { await notifier.run(queue: queue) }
        try await Task.sleep(for: .milliseconds(200))
        for _ in 0..<5 {
            notifier.wake()
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .milliseconds(500))
        running.cancel()
        await running.value
        let looks = await queue.looks
        // The first look, then one a wake; and one every 5 s of waiting, which a loaded machine's
        // slow sleeps may reach (the spin this guards against made 53,339 looks in 1.5 s).
        let periodic = Int((Timestamp.now() - started) / (5 * Timestamp.nanosPerSecond))
        #expect(looks >= 2 && looks <= 6 + periodic, "\(looks) looks in \(Timestamp.now() - started) ns")
    }
}
