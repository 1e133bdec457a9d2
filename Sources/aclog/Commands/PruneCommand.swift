import ACLogModel
import ACLogRender
import ACLogSQLite
import ACLogStore
import ArgumentParser

struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Apply the retention now: roll samples up, remove what is older than each kind of data keeps.",
        discussion: """
            A running collector does the same continuously, in small steps; prune is for a database
            no collector writes, or to apply shorter limits at once. Records go with their search
            index entries and per-minute counts, whole minutes at a time, so the database stays
            consistent at every step (check with 'aclog doctor'). Prints what it removed.

            Examples:
              aclog prune
              aclog prune --keep-logs 7d --keep-samples 2d
            """.asHelpParagraphs
    )

    @OptionGroup(title: "Retention") var retention: RetentionOptions
    @OptionGroup var configuration: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let policy = try retention.policy(configuration: try configuration.load())
        let path = database.path
        guard SQLiteConnection.fileExists(path) else {
            throw CommandLineError("no database at '\(path)': nothing to prune")
        }
        let store: CollectorStore
        do {
            store = try CollectorStore(path: path)
        } catch {
            throw CommandLineError(error)
        }
        let maintenance = Maintenance(db: store.db, samples: store.samples)
        var removed = Maintenance.Removed()
        let now = Timestamp.now()
        var limit: SizeLimit?
        while true {
            let step = try maintenance.step(now: now, policy: policy, limit: &limit)
            removed.add(step.removed)
            if !step.more { break }
        }
        var out = OutputBuffer()
        out.line("removed \(Plural.count(removed.records, "record")), \(removed.events) events and gaps, "
                 + "\(removed.samples[.raw] ?? 0) raw samples, \(removed.samples[.minute] ?? 0) minute rollups, "
                 + "\(removed.samples[.hour] ?? 0) hour rollups")
        out.flush()
    }
}
