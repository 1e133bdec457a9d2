import ACLogQuery
import ACLogRender
import ArgumentParser

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the database file, and that the search index and counts agree with the records.",
        discussion: """
            Exit status 0 when every check passes, 1 when one fails.

            Example:
              aclog doctor --db /var/lib/aclog/aclog.db
            """.asHelpParagraphs
    )

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let findings: [Doctor.Finding]
        do {
            findings = try Doctor.check(path: database.path)
        } catch {
            throw CommandLineError(error)
        }
        var out = OutputBuffer()
        let table = TextTable(header: ["CHECK", "RESULT", "DETAIL"])
        for f in findings { table.add([f.check, f.ok ? "ok" : "FAILED", f.detail]) }
        for line in table.lines() { out.line(line) }
        out.flush()
        if findings.contains(where: { !$0.ok }) { throw ExitCode(1) }
    }
}
