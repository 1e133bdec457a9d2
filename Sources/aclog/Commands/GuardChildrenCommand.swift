import ACLogDocker
import ArgumentParser

/// Started by `aclog collect` (see `OrphanGuard`): stops the collector's docker processes when
/// the collector has gone, however it went. Hidden from help.
struct GuardChildrenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guard-children",
        abstract: "Kill a collector's docker processes when it exits (started by 'aclog collect').",
        shouldDisplay: false
    )

    @Argument(help: "The collector's mark, PID:START:DATABASE.")
    var mark: String

    func run() throws {
        guard let mark = CollectorMark(mark) else {
            throw CommandLineError("bad mark '\(mark)': expected PID:START:DATABASE")
        }
        _ = OrphanGuard.wait(for: mark)
    }
}
