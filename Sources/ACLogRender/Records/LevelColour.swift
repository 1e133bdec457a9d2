import ACLogModel
import ACLogQuery

/// ANSI colours for levels, as journalctl and docker compose use them.
package enum LevelColour {
    package static let reset = "\u{1B}[0m"

    package static func code(_ level: Level) -> String? {
        switch level {
        case .fatal: "\u{1B}[1;31m"
        case .error: "\u{1B}[31m"
        case .warn: "\u{1B}[33m"
        case .debug, .trace: "\u{1B}[2m"
        case .info, .unknown: nil
        }
    }

    package static let dim = "\u{1B}[2m"
    package static let service = "\u{1B}[36m"
}
