import ArgumentParser

/// `-o table|json` and `--utc`, for the commands that list what the database holds (ps, status).
struct ListingOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("The output format: json is an object a line.", valueName: "format"))
    var output: Format = .table

    @Flag(name: .long, help: ArgumentHelp(TimeRangeOptions.utcHelp))
    var utc = false
}
