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

    /// Services get colours of their own, as `docker compose logs` gives them: the same service the
    /// same colour in every run (a hash of its name), none of them a level's red or yellow.
    package static let servicePalette = ["\u{1B}[36m", "\u{1B}[35m", "\u{1B}[34m", "\u{1B}[32m",
                                         "\u{1B}[96m", "\u{1B}[95m", "\u{1B}[94m", "\u{1B}[92m"]

    package static func service(_ name: String) -> String {
        servicePalette[serviceIndex(name)]
    }

    /// The service's place in the palette (the web view colours it the same).
    package static func serviceIndex(_ name: String) -> Int {
        var hash: UInt32 = 2_166_136_261    // FNV-1a
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash % UInt32(servicePalette.count))
    }
}
