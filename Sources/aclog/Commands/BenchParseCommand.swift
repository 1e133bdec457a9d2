import ACLogModel
import ACLogParsing
import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// For scripts/bench: how fast lines are cleaned, redacted, parsed and joined into records, in
/// process, without Docker or SQLite. Hidden from help.
struct BenchParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-parse",
        abstract: "Measure parse throughput on a file of lines (for benchmarks).",
        shouldDisplay: false
    )

    @Argument(help: "A file of log lines.")
    var file: String

    @Option(help: "The image name that chooses the formats (e.g. mysql, redis, python, nginx, node; 'unknown' tries all).")
    var image = "unknown"

    @Option(help: "Process the file's lines until at least this many.")
    var lines = 200_000

    @Option(help: "Runs; the median is printed.")
    var runs = 5

    @Flag(help: "Settle on nothing: every line goes down the chain from its start (the baseline).")
    var noSettling = false

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CommandLineError("cannot read '\(file)'") }
        let source = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !source.isEmpty else { throw CommandLineError("'\(file)' has no lines") }
        let builder = RecordBuilder(container: ContainerInfo(id: "bench", name: "bench", image: image))
        var times: [Double] = []
        var records = 0
        for _ in 0..<runs {
            var assembler = MultilineAssembler()
            var settling = FormatSettling()
            records = 0
            let start = ContinuousClock.now
            for i in 0..<lines {
                let time = Int64(i) * 1_000_000
                if noSettling { settling = FormatSettling() }
                records += assembler.add(builder.line(time: time, stream: .stdout, text: source[i % source.count], settling: &settling),
                                         tag: StreamPosition(time: time, countAtTime: 1)).count
            }
            records += assembler.close().count
            let elapsed = ContinuousClock.now - start
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let median = times.sorted()[times.count / 2]
        print("\(Int(Double(lines) / median)) lines/s, \(records) records, median of \(runs) runs")
    }
}
