import ACLogCollector
import ACLogDocker
import ACLogRender
import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import Logging

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load saved logs (docker logs -t output, a json-file log, plain text) for search.",
        discussion: """
            For post-incident analysis on another machine. The format is recognised from the first
            line unless --input-format says. Rotated json-files (-json.log.2, .1, -json.log) are read oldest first.
            Gzip files are read as they are. Importing the same file again adds nothing. Plain text
            gets the file's modification time plus the line order as record times.

            Examples:
              docker logs -t agentchat-backend > backend.log 2>&1
              aclog import backend.log --service backend
              aclog import /var/lib/docker/containers/<id>/<id>-json.log*
              aclog import app.log.gz --service api --input-format plain
            """.asHelpParagraphs
    )

    @Argument(help: "Files to import.")
    var files: [String]

    @Option(name: .long, help: "The service the records belong to. Default: the file name.")
    var service: String?

    @Option(name: .long, help: "The container name to file them under. Default: the service.")
    var container: String?

    @Option(name: .long, help: ArgumentHelp("What the files hold: auto (recognised from the first line), docker-timestamps, json-file or plain.", valueName: "format"))
    var inputFormat: String = "auto"

    /// The spelling before --input-format: a one-line error saying the new one.
    @Option(name: .long, help: .hidden)
    var format: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var configuration: ConfigOptions

    func validate() throws {
        if let format { throw CommandLineError("--format \(format): the files' format is --input-format now (--input-format \(format))") }
        if LogFileReader.Format(rawValue: inputFormat) == nil {
            throw CommandLineError("invalid --input-format '\(inputFormat)': use auto, docker-timestamps, json-file or plain")
        }
        if files.isEmpty { throw CommandLineError("no file to import") }
    }

    func run() async throws {
        let importer: Importer
        do {
            importer = try Importer(databasePath: database.path, logger: Logger(label: "aclog"), parsing: try configuration.load().parsing)
        } catch {
            throw CommandLineError(error)
        }
        let showProgress = isatty(STDERR_FILENO) == 1
        var failure: (any Error)?
        for file in Self.oldestFirst(files) {
            do {
                let reader = try await LogFileReader(path: file, format: LogFileReader.Format(rawValue: inputFormat) ?? .auto)
                let total = max(1, reader.byteCount)
                let name = reader.fileName
                let summary = try await importer.importFile(
                    reader, container: Importer.container(for: reader, service: service, name: container)
                ) { done in
                    if showProgress { Self.progress("\(name) \(Int(100 * Double(done) / Double(total)))%") }
                }
                if showProgress { Self.progress("") }
                print("\(file): \(Plural.count(summary.records, "record")) (\(reader.format.rawValue)) as \(summary.container)")
            } catch {
                if showProgress { Self.progress("") }
                failure = error
                break
            }
        }
        do {
            try await importer.finish()
        } catch {
            throw CommandLineError(error)
        }
        if let failure { throw CommandLineError(failure) }
    }

    /// json-file rotations read oldest first: `x-json.log.2`, `x-json.log.1`, `x-json.log`.
    static func oldestFirst(_ files: [String]) -> [String] {
        func rotation(_ file: String) -> Int {
            guard let dot = file.lastIndex(of: "."), let n = Int(file[file.index(after: dot)...]) else { return 0 }
            return n
        }
        return files.enumerated().sorted { a, b in
            let (ra, rb) = (rotation(a.element), rotation(b.element))
            return ra != rb ? ra > rb : a.offset < b.offset
        }.map(\.element)
    }

    static func progress(_ text: String) {
        Terminal.writeError("\r\u{1B}[K\(text)")
    }
}
