import ACLogConfig
import ACLogHTTP
import ACLogModel
import Subprocess
import SystemPackage

/// The `exec` channel: the program runs without a shell, the alert in `ACLOG_ALERT_*` variables
/// and as the webhook's JSON on its standard input. Exit status 0 is a delivery.
enum ExecDelivery {
    static func run(_ command: [String], _ notification: AlertNotification, timeout: Duration) async throws(DeliveryFailure) {
        let variables: [(String, String?)] = [
            ("ACLOG_ALERT_ID", String(notification.id)), ("ACLOG_ALERT_RULE", notification.rule),
            ("ACLOG_ALERT_STATE", notification.state), ("ACLOG_ALERT_SEVERITY", notification.severity.rawValue),
            ("ACLOG_ALERT_SERVICE", notification.service), ("ACLOG_ALERT_CONTAINER", notification.container),
            ("ACLOG_ALERT_TIME", Timestamp.rfc3339(notification.time)), ("ACLOG_ALERT_SUMMARY", notification.summary),
            ("ACLOG_ALERT_VALUE", notification.value ?? ""), ("ACLOG_ALERT_COUNT", String(notification.count)),
            ("ACLOG_ALERT_URL", notification.url ?? ""),
        ]
        var updates: [Environment.Key: String?] = [:]
        for (name, value) in variables { updates[Environment.Key(stringLiteral: name)] = value }
        let environment = Environment.inherit.updating(updates)
        let program = command[0]
        let executable: Executable = program.contains("/") ? .path(FilePath(program)) : .name(program)
        let json = notification.json
        let result: ExecutionResult<Void, DiscardedOutput, StringOutput<UTF8>>
        do {
            result = try await withTimeout(timeout) {
                try await Subprocess.run(executable, arguments: Arguments(Array(command.dropFirst())),
                                         environment: environment,
                                         input: .string(json), output: .discarded, error: .string(limit: 4_096))
            }
        } catch let failure as HTTPFailure {
            throw DeliveryFailure(reason: failure.reason)
        } catch {
            throw DeliveryFailure(reason: "cannot run \(program): \(error)")
        }
        guard result.terminationStatus.isSuccess else {
            let said = result.standardError.split(separator: "\n").last.map { ": \($0)" } ?? ""
            throw DeliveryFailure(reason: "\(program) ended with \(result.terminationStatus)\(said)")
        }
    }
}

/// Why a channel did not take a notification, in one line without the channel's URL.
public struct DeliveryFailure: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
