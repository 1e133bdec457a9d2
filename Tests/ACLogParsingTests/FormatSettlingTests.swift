import ACLogModel
@testable import ACLogParsing
import Testing

/// A stream settles on the format its lines show: the same records as asking every format in
/// turn, for every real stream of the corpus and for output that mixes formats line by line.
@Suite struct FormatSettlingTests {
    /// Every stream of the corpus, with the image that names its formats.
    static let files: [(file: String, image: String)] = [
        ("python_traceback.log", "python"), ("loguru.log", "python"), ("uvicorn.log", "python"), ("gunicorn.log", "python"),
        ("mysql8.log", "mysql"), ("mysql57.log", "mysql"), ("redis.log", "redis"), ("nginx_access.log", "nginx"),
        ("nginx_error.log", "nginx"), ("vite.log", "node"), ("prefixed.log", "unknown"),
        ("generated/agentchat_backend_uvicorn.log", "python"), ("generated/agentchat_backend_gunicorn_w4.log", "python"),
        ("generated/agentchat_backend_gunicorn_accesslog.log", "python"), ("generated/agentchat_backend_uvicorn_startup_failure.log", "python"),
        ("generated/loguru_tty_crlf.log", "python"), ("generated/uvicorn_use_colors.log", "python"), ("generated/vite_ansi_derived.log", "node"),
    ]

    static func builder(_ image: String) -> RecordBuilder {
        RecordBuilder(container: ContainerInfo(id: "c", name: "c", image: image))
    }

    /// Each line as a settling stream of a container nothing names reads it.
    static func settled(_ lines: [String]) -> [CookedLine] {
        let builder = builder("unknown")
        var settling = FormatSettling()
        return lines.map { builder.line(time: 0, stream: .stdout, text: $0, settling: &settling) }
    }

    static func same(_ a: CookedLine, _ b: CookedLine) -> Bool { a.parsed == b.parsed && a.format == b.format }

    /// A container its name ties to formats reads every line as its whole chain does: its
    /// formats never accept the same line.
    @Test(arguments: ["python", "nginx", "mysql", "redis", "node", "minio"])
    func aNamedStreamParsesAsItsWholeChain(image: String) throws {
        let builder = Self.builder(image)
        for (file, _) in Self.files {
            var settling = FormatSettling()
            let lines = try Corpus.lines(file)
            let differing = lines.filter { line in
                !Self.same(builder.line(time: 0, stream: .stdout, text: line, settling: &settling), builder.line(time: 0, stream: .stdout, text: line))
            }
            #expect(differing.isEmpty, "\(file) as \(image): \(differing.prefix(3))")
        }
    }

    /// A container nothing names reads each line as every format in turn reads it, except a line
    /// two formats accept: that one reads as the format the stream showed, which is the one its
    /// image would have chosen. (The chain reads uvicorn's `ERROR:    Exception in ASGI
    /// application` as a MySQL client error, and loses the traceback it announces.)
    @Test func anUnnamedStreamParsesAsTheChainOrAsItsOwnImageWould() throws {
        var better: [String] = []
        for (file, image) in Self.files {
            let lines = try Corpus.lines(file)
            let own = Self.builder(image), chain = Self.builder("unknown")
            for (line, cooked) in zip(lines, Self.settled(lines)) where !Self.same(cooked, chain.line(time: 0, stream: .stdout, text: line)) {
                let byImage = own.line(time: 0, stream: .stdout, text: line)
                #expect(Self.same(cooked, byImage), "\(file): \(line.prefix(80)): format \(cooked.format), its image's \(byImage.format)")
                better.append(line)
            }
        }
        let asgi = try #require(better.first { $0.hasPrefix("ERROR:    Exception in ASGI application") })
        let cooked = Self.settled(["INFO:     Started server process [1]", asgi])[1]
        #expect(cooked.format == FormatCatalog.number(of: "uvicorn") && cooked.parsed.announcesBlock)
    }

    /// Every file's lines dealt out one by one into a single stream: the format changes on
    /// almost every line, and each line still reads as the chain or as its own image reads it.
    @Test func outputMixedLineByLineParsesAsTheChainOrItsOwnImageWould() throws {
        let sources = try Self.files.map { ($0.image, try Corpus.lines($0.file)) }
        var mixed: [(image: String, line: String)] = []
        for i in 0..<(sources.map(\.1.count).max() ?? 0) {
            for (image, lines) in sources where i < lines.count { mixed.append((image, lines[i])) }
        }
        #expect(mixed.count > 1_000)
        let chain = Self.builder("unknown")
        let wrong = zip(mixed, Self.settled(mixed.map(\.line))).filter { source, cooked in
            !Self.same(cooked, chain.line(time: 0, stream: .stdout, text: source.line))
                && !Self.same(cooked, Self.builder(source.image).line(time: 0, stream: .stdout, text: source.line))
        }
        #expect(wrong.isEmpty, "\(wrong.count) lines read as neither: \(wrong.prefix(3).map { $0.0.line.prefix(80) })")
    }

    @Test func settlesOnWhatTheLinesShowAndReconsidersWhenTheyStopMatching() {
        let builder = Self.builder("unknown")
        var settling = FormatSettling()
        func format(_ line: String) -> Int { builder.line(time: 0, stream: .stdout, text: line, settling: &settling).format }
        let loguru = FormatCatalog.number(of: "loguru"), json = FormatCatalog.number(of: "json")
        #expect(format("2026-11-25 10:00:00.123 | ERROR    | app.main:run:42 - boom") == loguru)
        #expect(settling.settled.map { builder.formats[$0].name } == "loguru")
        // A traceback's frame is no format's: the stream stays settled.
        #expect(format("  File \"/app/main.py\", line 42, in run") == FormatCatalog.number(of: "generic"))
        #expect(settling.settled.map { builder.formats[$0].name } == "loguru")
        // The output changes (a new version logs JSON): the chain is asked, and JSON settled on.
        #expect(format(#"{"level":"info","msg":"ready"}"#) == json)
        #expect(settling.settled.map { builder.formats[$0].name } == "json")
        #expect(format("2026-11-25 10:00:01.000 | INFO     | app.main:run:43 - back") == loguru)
    }

    /// `WARNING: low disk` is uvicorn's and MinIO's: a MinIO container's reads as MinIO's, a
    /// stream that has shown nothing yet as the chain's first, uvicorn.
    @Test func aLineTwoFormatsAcceptReadsAsTheFormatTheStreamShowed() {
        let builder = RecordBuilder(container: ContainerInfo(id: "c", name: "c", image: "unknown"))
        let line = "WARNING: low disk space on /data"
        var fresh = FormatSettling()
        #expect(builder.line(time: 0, stream: .stdout, text: line, settling: &fresh).format == FormatCatalog.number(of: "uvicorn"))
        var minio = FormatSettling()
        _ = builder.line(time: 0, stream: .stdout, text: "Status:         1 Online, 0 Offline.", settling: &minio)
        #expect(builder.line(time: 0, stream: .stdout, text: line, settling: &minio).format == FormatCatalog.number(of: "minio"))
    }
}
