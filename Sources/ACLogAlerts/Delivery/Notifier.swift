import ACLogConfig
import ACLogHTTP
import ACLogModel
import Logging
import NIOCore
import NIOPosix

/// Where the notifier finds what to send and records what became of it: the collector's writer,
/// which owns the database (`AlertOutbox`).
public protocol NotificationQueue: Actor {
    /// The notifications due now; from here on repeats no longer fold into them.
    func dueNotifications(now: Int64) -> [(notification: AlertNotification, lines: [String])]
    func nextNotificationDue() -> Int64?
    func notificationSent(_ id: Int64, at now: Int64)
    /// Returns whether it was given up.
    func notificationFailed(_ notification: AlertNotification, reason: String, at now: Int64) -> Bool
}

/// Sends what the outbox holds to its channels, each notification on its own, and retries with
/// backoff the ones a channel refused. Woken by the writer when it makes a notification.
public actor Notifier {
    private let channels: [String: AlertChannel]
    private let logger: Logger
    private let timeout: Duration
    private let wakes: AsyncStream<Void>
    private let waker: AsyncStream<Void>.Continuation

    public init(channels: [AlertChannel], logger: Logger, timeout: Duration = .seconds(10)) {
        self.channels = Dictionary(channels.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.logger = logger
        self.timeout = timeout
        (wakes, waker) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Something may be due now.
    public nonisolated func wake() {
        waker.yield()
    }

    /// Sends what `queue` holds until the task is cancelled; what is still waiting then stays in
    /// the outbox for the next run.
    public func run(queue: any NotificationQueue) async {
        var iterator = wakes.makeAsyncIterator()
        while !Task.isCancelled {
            let due = await queue.dueNotifications(now: Timestamp.now())
            await withTaskGroup(of: Void.self) { group in
                for (notification, lines) in due {
                    group.addTask { await self.deliver(notification, lines: lines, queue: queue) }
                }
            }
            let now = Timestamp.now()
            let wait = min(5 * Timestamp.nanosPerSecond, max(0, (await queue.nextNotificationDue() ?? .max) - now))
            if wait == 0 { continue }
            let waker = self.waker
            let timer = Task {
                // Cancelled, it must not wake the loop: that wake would cancel the next timer, and so on.
                guard (try? await Task.sleep(for: .nanoseconds(wait))) != nil else { return }
                waker.yield()
            }
            _ = await iterator.next()
            timer.cancel()
        }
    }

    private func deliver(_ notification: AlertNotification, lines: [String], queue: any NotificationQueue) async {
        let label = "'\(notification.rule)' (\(notification.state)) to '\(notification.channel)'"
        do {
            guard let channel = channels[notification.channel] else {
                throw DeliveryFailure(reason: "no channel '\(notification.channel)' in the configuration")
            }
            try await send(notification, lines: lines, through: channel)
            await queue.notificationSent(notification.id, at: Timestamp.now())
            logger.info("alert \(label) sent: \(notification.summary)")
        } catch {
            let reason = (error as? DeliveryFailure)?.reason ?? "\(error)"
            let gaveUp = await queue.notificationFailed(notification, reason: reason, at: Timestamp.now())
            if gaveUp {
                logger.error("alert \(label) not sent, given up after \(notification.attempts + 1) attempts: \(reason)")
            } else if notification.attempts == 0 {
                logger.warning("alert \(label) not sent: \(reason); retrying with backoff")
            }
        }
    }

    private func send(_ notification: AlertNotification, lines: [String], through channel: AlertChannel) async throws(DeliveryFailure) {
        if channel.kind == .exec {
            try await ExecDelivery.run(channel.command, notification, timeout: .seconds(30))
            return
        }
        let message = ChannelMessage(notification, lines: lines, channel: channel)
        guard let target = HTTPTarget(message.url) else {
            throw DeliveryFailure(reason: "the channel's URL is not one aclog can post to")
        }
        let status: Int
        do {
            status = try await HTTPExchange.post(ByteBuffer(string: message.body), headers: [("Content-Type", "application/json")], to: target,
                                                 group: MultiThreadedEventLoopGroup.singleton, timeout: timeout).status
        } catch {
            throw DeliveryFailure(reason: error.reason)
        }
        guard (200..<300).contains(status) else { throw DeliveryFailure(reason: "\(target.hostHeader) answered HTTP \(status)") }
    }
}
