@testable import ACLogDocker
import ACLogModel
import Testing

@Suite struct StatsFrameTests {
    /// Every frame of a captured stream, fed in reads of `chunk` bytes.
    static func frames(_ file: String, chunk: Int = 4096) -> [[String]] {
        let bytes = fixture(file)
        var splitter = StatsFrameSplitter()
        var frames: [[String]] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            frames += splitter.feed(bytes[start..<end])
            start = end
        }
        if let last = splitter.finish() { frames.append(last) }
        return frames
    }

    static let quiet = "18b95224d590", loop = "4e9b8becab52", burn = "2134e40808b5"

    @Test(arguments: [
        // file, frames, containers per complete frame
        ("stats-stream-json.client20.raw", 7),   // ESC[2J ESC[H per frame
        ("stats-stream-json.client28.raw", 8),   // each frame written twice, ended by ESC[J
        ("stats-stream-json.client28.tty.raw", 3),
    ], [1, 7, 64, 4096])
    func eachSampleIsSeenOnce(file: (String, Int), chunk: Int) throws {
        let frames = Self.frames(file.0, chunk: chunk)
        let complete = frames.filter { $0.count == 2 }
        #expect(complete.count == file.1)
        for frame in complete {
            let samples = frame.compactMap { StatsSampleDecoder.decode($0) }
            #expect(samples.map(\.containerID) == [Self.quiet, Self.loop])
        }
        // The pty capture ends with the session's own message: one unreadable line, no sample.
        let stray = frames.flatMap { $0 }.filter { StatsSampleDecoder.decode($0) == nil }
        #expect(stray == (file.0.contains("tty") ? ["Session terminated, killing shell... ...killed."] : []))
    }

    @Test func namedStreamCutMidLineKeepsWhatIsWhole() {
        // The capture keeps the first 12 KB: 17 whole frames, then half of the 18th.
        let frames = Self.frames("stats-stream-json.named.client28.raw")
        #expect(frames.count == 18)
        #expect(frames.prefix(17).allSatisfy { $0.compactMap { StatsSampleDecoder.decode($0) }.map(\.containerID) == [Self.burn, Self.loop] })
        let last = frames[17].map { StatsSampleDecoder.decode($0) }
        #expect(last.count == 2 && last[0]?.containerID == Self.burn && last[1] == nil)
        // The burn container was stopped at the end: its last samples are all `--`.
        #expect(last[0]?.isEmpty == true)
    }

    @Test(arguments: [
        ("stats-no-stream-json.client20.txt", 2), ("stats-no-stream-json.client28.txt", 2),
        ("stats-no-stream-json-all.client28.txt", 4), ("stats-no-stream-json.limited-burn.client28.txt", 2),
    ])
    func noStreamOutputIsOneFrame(file: String, count: Int) {
        let frames = Self.frames(file)
        #expect(frames.count == 1)
        #expect(frames.first?.compactMap { StatsSampleDecoder.decode($0) }.count == count)
    }

    @Test func valuesAreReadWithTheirUnits() throws {
        let line = try #require(Self.frames("stats-no-stream-json.limited-burn.client28.txt").first?.first)
        let burn = try #require(StatsSampleDecoder.decode(line))
        #expect(burn.containerID == Self.burn)
        #expect(burn.name == "aclog-burn")
        #expect(burn.cpuPercent == 52.06)
        #expect(burn.memoryBytes == Int64(716 * 1024))
        #expect(burn.memoryLimitBytes == Int64(64 * 1024 * 1024))
        #expect(burn.networkReceivedBytes == 0 && burn.blockWrittenBytes == 0)
        #expect(burn.pids == 1)
    }

    @Test func exitedContainersHaveNoLimit() throws {
        let frame = try #require(Self.frames("stats-no-stream-json-all.client28.txt").first)
        let exited = try #require(frame.compactMap { StatsSampleDecoder.decode($0) }.first { $0.name == "aclog-exited" })
        #expect(exited.memoryBytes == 0 && exited.memoryLimitBytes == nil)
    }

    @Test(arguments: [
        ("0B", 0), ("1.5GiB", 1_610_612_736), ("716KiB", 733_184), ("1.2kB", 1_200), ("1.2KB", 1_200),
        ("648B", 648), ("23.54GiB", 25_275_882_537), ("3MB", 3_000_000), ("2GB", 2_000_000_000),
        ("1TB", 1_000_000_000_000), ("1TiB", 1_099_511_627_776), ("5MiB", 5_242_880), (" 12.5MB ", 12_500_000),
    ])
    func sizes(text: String, bytes: Int64) {
        #expect(DockerSize.bytes(text) == bytes)
    }

    @Test(arguments: ["--", "", "NaN", "12", "MB", "1.2XB", "-1MB", "abcB", "99999999999999999999PB", "1e300B"])
    func unreadableSizesAreNil(text: String) {
        #expect(DockerSize.bytes(text) == nil)
    }

    @Test func percentsAndCounts() {
        #expect(DockerSize.percent("0.46%") == 0.46)
        #expect(DockerSize.percent("152.30%") == 152.3)
        #expect(DockerSize.percent("NaN%") == nil)
        #expect(DockerSize.percent("--") == nil)
        #expect(DockerSize.count("17") == 17)
        #expect(DockerSize.count("--") == nil)
        #expect(DockerSize.pair("-- / --") == (nil, nil))
        #expect(DockerSize.pair("1.2kB / 648B") == (1_200, 648))
    }

    @Test(arguments: ["{", "{\"ID\":1}", "not json", "{\"BlockIO\":\"0B / 0B\"}", "{\"ID\":\"\"}"])
    func malformedLinesAreNotSamples(line: String) {
        #expect(StatsSampleDecoder.decode(line) == nil)
    }
}

@Suite struct ContainerLimitTests {
    @Test func nanoCPUsQuotaOrNoneAndMemory() {
        // `docker inspect --format '{{.Id}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuQuota}} {{.HostConfig.CpuPeriod}} {{.HostConfig.Memory}}'`
        #expect(ContainerLimitReader.parse("a5eb0c71 500000000 0 0 0\n")?.limits == .init(cpuPercent: 50, memoryBytes: nil))
        #expect(ContainerLimitReader.parse("d68be14e 0 150000 100000 268435456")?.limits == .init(cpuPercent: 150, memoryBytes: 268_435_456))
        let none = ContainerLimitReader.parse("8fbdb37e 0 0 0 0")
        #expect(none?.id == "8fbdb37e" && none?.limits == .init(cpuPercent: nil, memoryBytes: nil))
        #expect(ContainerLimitReader.parse("Error: No such object: x") == nil)
        #expect(ContainerLimitReader.parse("8fbdb37e 0 0 0") == nil)
    }
}
