import ACLogModel
import ACLogQuery
import ACLogRender
import ArgumentParser
import FoundationEssentials

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "How each service's CPU, memory, network, block I/O and PIDs moved over time.",
        discussion: """
            For each service, metric and bucket: min, average, 95th percentile and max, with a
            sparkline of the averages; for the whole window the growth per day (a least-squares
            line through the averages, with how well it fits), and the peak with its time and, for
            memory, the limit. Reads the raw samples, or the per-minute or per-hour rollups when the
            buckets or the window call for them. The window is the last 24 hours unless --since
            says otherwise, in about 60 buckets unless --bucket says.

            CPU is in percent of one core (two busy cores: 200%). Network and block I/O are rates.
            A service with several containers at once (replicas, or old and new during a deploy)
            shows their total: CPU and memory are sums, and the heading says "total of N
            containers"; --per-container gives one trend per container instead.

            Examples:
              aclog trend backend --metric mem --since 7d
              aclog trend --metric cpu --since 24h --bucket 1h
              aclog trend mysql --metric all --since 1h -o json
              aclog trend backend --metric all --compare deploy
            """.asHelpParagraphs
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Argument(help: "Services, container names or id prefixes. None: all.")
    var services: [String] = []

    @Option(name: .long, help: ArgumentHelp("cpu, mem, net, block, pids or all.", valueName: "metric"))
    var metric = "cpu"

    @OptionGroup var range: TimeRangeOptions

    @Flag(name: .long, help: "One trend per container, not the service's total.")
    var perContainer = false
    @OptionGroup var bucketing: BucketOptions

    @Option(name: .long, help: ArgumentHelp("'deploy': the span since the service's last deploy (at most the window's length) and as long before it, side by side.", valueName: "deploy"))
    var compare: String?

    @OptionGroup var deployChoice: DeployOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The output format.", valueName: "format"))
    var output: Format = .table

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let now = Timestamp.now()
        guard let metrics = Metric.group(metric) else {
            throw CommandLineError("--metric '\(metric)' is not one of cpu, mem, net, block, pids, all")
        }
        let (start, end) = try range.closed(now: now, defaultSince: "24h")
        let size = bucketing.bucket.map { $0.resolve(window: end - start) }
        let database = try self.database.open()
        guard try database.hasMetrics() else {
            throw CommandLineError("this database has no resource samples yet: run 'aclog collect' (version 3 schema) first", code: 1)
        }
        if let compare {
            guard compare == "deploy" else { throw CommandLineError("invalid --compare '\(compare)': trend compares with a deploy: --compare deploy") }
            return try compareWithDeploy(database, metrics: metrics, longest: end - start, bucket: bucketing.bucket, now: now)
        }
        let trends = try database.trends(TrendQuestion(services: services, metrics: metrics, since: start, until: end, bucket: size, perContainer: perContainer), now: now)
        if trends.isEmpty {
            throw CommandLineError("no resource samples in this window", code: 1)
        }
        var out = OutputBuffer()
        switch output {
        case .table: TrendTable(utc: range.utc).render(trends, into: &out)
        case .json: for trend in trends { out.line(TrendJSON.object(trend)) }
        case .csv: TrendCSV.render(trends, into: &out)
        }
        out.flush()
    }

    /// The trends after the deploy and as long before it, then each metric's average and peak
    /// side by side.
    func compareWithDeploy(_ database: ReadOnlyDatabase, metrics: [Metric], longest: Int64, bucket: BucketSize?, now: Int64) throws {
        let around = try deployChoice.around(in: database, services: services, longest: longest, now: now)
        let time = around.deploy.time, length = around.length
        let size = bucket.map { $0.resolve(window: length) } ?? Trend.autoBucket(range: length)
        let after = try database.trends(TrendQuestion(services: services, metrics: metrics, since: time, until: time + length, bucket: size), now: now)
        let before = try database.trends(TrendQuestion(services: services, metrics: metrics, since: time - length, until: time, bucket: size), now: now)
        if after.isEmpty && before.isEmpty { throw CommandLineError("no resource samples either side of the deploy", code: 1) }
        var out = OutputBuffer()
        switch output {
        case .json:
            for (window, trends) in [("after", after), ("before", before)] {
                for trend in trends { out.line("{\"window\":\"\(window)\"," + TrendJSON.object(trend).dropFirst()) }
            }
        case .csv:
            throw CommandLineError("--compare deploy prints a table or JSON: -o table or -o json")
        case .table:
            let span = DurationText.elapsed(length)
            out.line(DeployOptions.heading(around.deploy, utc: range.utc))
            out.line("")
            DeployComparisonTable(after: after, before: before, span: span).render(into: &out)
            out.line("")
            out.line("AFTER (\(span))")
            TrendTable(utc: range.utc).render(after, into: &out)
            out.line("")
            out.line("BEFORE (\(span))")
            TrendTable(utc: range.utc).render(before, into: &out)
        }
        out.flush()
    }
}
