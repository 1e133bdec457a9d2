// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

// The C++ runtime linked into aclog rather than loaded at each start (scripts/link/libstdc++.so).
let cxxRuntimeLinkedIn: [LinkerSetting] = [
    .unsafeFlags(["-L", "\(Context.packageDirectory)/scripts/link"], .when(platforms: [.linux])),
]

let package = Package(
    name: "aclog",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "aclog", targets: ["aclog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        // Without its Foundation trait: aclog uses none of its Data APIs, and links no Foundation.
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2", traits: []),
        // The web view's HTTP server: NIO's HTTP/1.1 alone (no Foundation), and bcrypt for its users file.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-extras/swift-extras-base64", from: "1.2.0"),
        // TLS for the alerts' https channels (ntfy, Slack, Discord, webhooks): BoringSSL, no Foundation.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The OTLP export's messages (code generated once by scripts/generate_otlp.sh) and its gzip.
        // Without the Foundation stream trait: aclog links no Foundation.
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0", traits: []),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        // Debian's libsqlite3, seen through a module map.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        // glibc's malloc tuning (mallopt), for the one call at the start of the process.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // Records, levels, containers, time expressions: the vocabulary every stage shares.
        .target(name: "ACLogModel", swiftSettings: strict),

        // Finding text: POSIX extended regular expressions (as grep -E reads them), byte search.
        .target(name: "ACLogTextSearch", swiftSettings: strict),

        // Sources: the docker CLI, container discovery, log followers, the docker line decoder.
        .target(
            name: "ACLogDocker",
            dependencies: [
                "ACLogModel", "ACLogTextSearch",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            swiftSettings: strict
        ),

        // Transforms: format parsers, level detection, ANSI and CR clean-up, multi-line, redaction.
        .target(name: "ACLogParsing", dependencies: ["ACLogModel", "ACLogTextSearch"], swiftSettings: strict),

        // The configuration file, read once: each part of aclog reads its section from it.
        .target(name: "ACLogConfig", dependencies: ["ACLogModel", "ACLogParsing", "ACLogDocker", "ACLogTextSearch"], swiftSettings: strict),

        // The SQLite core: connection, statements and bindings, errors, migrations, the named SQL
        // built into the binary, the search index's tokenizer.
        .target(
            name: "ACLogSQLite",
            dependencies: ["ACLogModel", "CSQLite"],
            swiftSettings: strict,
            plugins: ["EmbedFilesPlugin"]
        ),

        // The write side: batches with their checkpoints, retention and the size limit, samples.
        .target(name: "ACLogStore", dependencies: ["ACLogModel", "ACLogSQLite"], swiftSettings: strict),

        // The read side: every question the CLI, the web view, alerts and exporters ask, answered
        // as typed values (records with gaps, error rates and signatures, trends, containers,
        // status, the report's data).
        .target(
            name: "ACLogQuery",
            dependencies: ["ACLogModel", "ACLogSQLite", "ACLogParsing", "ACLogTextSearch", "CSQLite"],
            swiftSettings: strict
        ),

        // Renderers shared by every door: records (short, JSON, raw), tables, CSV, the report's
        // templates and charts.
        .target(
            name: "ACLogRender",
            dependencies: ["ACLogModel", "ACLogQuery", "ACLogConfig", "ACLogTextSearch"],
            swiftSettings: strict,
            plugins: ["EmbedFilesPlugin"]
        ),

        // The web view and its JSON API (`aclog serve`, `aclog collect --serve`): an HTTP server
        // whose pages and answers ask ACLogQuery and render with ACLogRender, live records as
        // server-sent events, users and sign-in for listening beyond loopback.
        .target(
            name: "ACLogWeb",
            dependencies: [
                "ACLogModel", "ACLogQuery", "ACLogRender", "ACLogTextSearch", "ACLogSQLite",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ExtrasBase64", package: "swift-extras-base64"),
            ],
            swiftSettings: strict,
            plugins: ["EmbedFilesPlugin"]
        ),

        // Alerts: rules judged on what the collector stores, in its transactions (engine), the
        // outbox of notifications, and their channels (webhook, ntfy, Slack, Discord, exec).
        .target(
            name: "ACLogAlerts",
            dependencies: [
                "ACLogModel", "ACLogConfig", "ACLogQuery", "ACLogRender", "ACLogSQLite", "ACLogTextSearch", "ACLogHTTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            swiftSettings: strict
        ),

        // One POST over HTTP/1.1 or HTTPS on SwiftNIO: the alerts' channels and the OTLP export.
        .target(
            name: "ACLogHTTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),

        // A door: every stored record sent to an OpenTelemetry log store over OTLP/HTTP, from a
        // cursor kept in the database.
        .target(
            name: "ACLogOTLP",
            dependencies: [
                "ACLogModel", "ACLogParsing", "ACLogQuery", "ACLogHTTP",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),

        // Wires sources → transforms → store → alerts; owns supervision and shutdown.
        .target(
            name: "ACLogCollector",
            dependencies: [
                "ACLogModel", "ACLogDocker", "ACLogParsing", "ACLogSQLite", "ACLogStore", "ACLogAlerts", "ACLogConfig", "ACLogQuery", "ACLogOTLP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            swiftSettings: strict
        ),

        // The command line: parse arguments, ask the query library, render.
        .executableTarget(
            name: "aclog",
            dependencies: [
                "ACLogModel", "ACLogConfig", "ACLogSQLite", "ACLogStore", "ACLogQuery", "ACLogRender", "ACLogCollector", "ACLogDocker", "ACLogParsing", "ACLogWeb", "ACLogAlerts", "ACLogOTLP",
                .target(name: "CMalloc", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict,
            linkerSettings: cxxRuntimeLinkedIn
        ),

        // Build-time only: turns Migrations/*.sql, Queries/*.sql and dashboards/*.mustache into
        // Swift string constants.
        .executableTarget(name: "EmbedFilesTool", swiftSettings: strict),
        .plugin(
            name: "EmbedFilesPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedFilesTool"]
        ),

        // What the tests of several targets share: temporary databases, containers.
        .target(name: "ACLogTestSupport", dependencies: ["ACLogModel"], path: "Tests/ACLogTestSupport", swiftSettings: strict),

        .testTarget(name: "ACLogModelTests", dependencies: ["ACLogModel"], swiftSettings: strict),
        .testTarget(name: "ACLogConfigTests", dependencies: ["ACLogConfig", "ACLogParsing", "ACLogModel"], swiftSettings: strict),
        .testTarget(name: "ACLogTextSearchTests", dependencies: ["ACLogTextSearch"], swiftSettings: strict),
        .testTarget(
            name: "ACLogDockerTests",
            dependencies: ["ACLogDocker", "ACLogModel", .product(name: "Subprocess", package: "swift-subprocess")],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ACLogParsingTests",
            dependencies: ["ACLogParsing", "ACLogModel"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "ACLogSQLiteTests", dependencies: ["ACLogSQLite", "ACLogTestSupport"], swiftSettings: strict),
        .testTarget(name: "ACLogStoreTests", dependencies: ["ACLogTestSupport", "ACLogStore", "ACLogQuery", "ACLogSQLite", "ACLogModel", "ACLogParsing"], swiftSettings: strict),
        .testTarget(name: "ACLogQueryTests", dependencies: ["ACLogTestSupport", "ACLogQuery", "ACLogStore", "ACLogSQLite", "ACLogModel", "ACLogParsing", "ACLogTextSearch"], swiftSettings: strict),
        .testTarget(name: "ACLogRenderTests", dependencies: ["ACLogTestSupport", "ACLogRender", "ACLogQuery", "ACLogStore", "ACLogSQLite", "ACLogModel"], swiftSettings: strict),
        .testTarget(name: "ACLogWebTests", dependencies: ["ACLogTestSupport", "ACLogWeb", "ACLogQuery", "ACLogStore", "ACLogSQLite", "ACLogModel"], swiftSettings: strict),
        .testTarget(
            name: "ACLogAlertsTests",
            dependencies: ["ACLogTestSupport", "ACLogAlerts", "ACLogConfig", "ACLogStore", "ACLogSQLite", "ACLogModel", "ACLogTextSearch", "ACLogHTTP",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ACLogCollectorTests",
            dependencies: ["ACLogCollector", "ACLogStore", "ACLogQuery", "ACLogSQLite", "ACLogModel", "ACLogDocker", "ACLogParsing"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ACLogOTLPTests",
            dependencies: ["ACLogTestSupport", "ACLogOTLP", "ACLogQuery", "ACLogStore", "ACLogSQLite", "ACLogModel", "ACLogParsing", "ACLogHTTP",
                           .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["ACLogModel", "ACLogSQLite"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
    ]
)
