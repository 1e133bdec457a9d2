import ACLogModel
import FoundationEssentials
import Subprocess

/// Reads a saved log file into Docker lines: `docker logs -t` output, Docker's json-file
/// (`<id>-json.log`, rotated `.1`, `.2`), or plain text (times: the file's modification time plus
/// the line order). Gzip files are read through `gzip -dc`.
public struct LogFileReader {
    public enum Format: String, Sendable, CaseIterable {
        case auto, dockerTimestamps = "docker-timestamps", jsonFile = "json-file", plain
    }

    /// A file that cannot be read to its end, with the byte offset where reading stopped.
    public struct ReadError: Error, CustomStringConvertible {
        public let path: String
        public let offset: Int
        public let reason: String
        public var description: String { "cannot read '\(path)' at byte \(offset): \(reason)" }
    }

    public let path: String
    public let format: Format
    let bytes: [UInt8]
    let modified: Int64

    public init(path: String, format: Format = .auto) async throws(ReadError) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: path, offset: 0, reason: FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file")
        }
        var content = [UInt8](data)
        if content.starts(with: [0x1F, 0x8B]) { content = try await Self.gunzip(path) }
        bytes = content
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let date = (attributes?[.modificationDate] as? Date) ?? Date()
        modified = Int64(date.timeIntervalSince1970 * 1e9)
        self.format = format == .auto ? Self.sniff(content) : format
    }

    public var byteCount: Int { bytes.count }

    /// The container id in a json-file's name (`<64 hex>-json.log[.N]`), if it has one.
    public var dockerID: String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let id = String(name.prefix(64))
        return name.dropFirst(64).hasPrefix("-json.log") && id.allSatisfy(\.isHexDigit) ? id : nil
    }

    static func sniff(_ bytes: [UInt8]) -> Format {
        let start = bytes.prefix(64)
        if start.starts(with: Array(#"{"log":"#.utf8)) { return .jsonFile }
        return start.withUnsafeBufferPointer { DockerLineDecoder.timestampPrefix($0) } != nil ? .dockerTimestamps : .plain
    }

    static func gunzip(_ path: String) async throws(ReadError) -> [UInt8] {
        let result: ExecutionResult<Void, BytesOutput, DiscardedOutput>
        do {
            result = try await run(.path("/bin/gzip"), arguments: ["-dc", "--", path], output: .bytes(limit: Int.max), error: .discarded)
        } catch {
            throw ReadError(path: path, offset: 0, reason: "gzip: \(error)")
        }
        guard result.terminationStatus.isSuccess else {
            throw ReadError(path: path, offset: 0, reason: "gzip could not decompress it (truncated or corrupt); \(result.standardOutput.count) bytes came out")
        }
        return result.standardOutput
    }

    /// Calls `deliver` with batches of lines per stream, in file order, and `progress` with the bytes
    /// read so far. Throws at the first line that cannot be read, after delivering those before it.
    public func read(
        batchSize: Int = 5_000,
        deliver: (LogStream, [DockerLine]) async -> Void,
        progress: (Int) -> Void = { _ in }
    ) async throws(ReadError) {
        switch format {
        case .dockerTimestamps, .auto:
            var decoder = DockerLineDecoder()
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + 1 << 20)
                var lines: [DockerLine] = []
                bytes[offset..<end].withUnsafeBytes { decoder.feed($0, into: &lines) }
                await deliver(.stdout, lines.map { DockerLine(time: $0.time ?? modified, text: $0.text, continues: $0.continues) })
                offset = end
                progress(offset)
            }
            var last: [DockerLine] = []
            decoder.finish(into: &last)
            await deliver(.stdout, last.map { DockerLine(time: $0.time ?? modified, text: $0.text) })
        case .plain:
            var lines: [DockerLine] = []
            var start = 0
            var n: Int64 = 0
            var last = Int64.min
            func line(_ range: Range<Int>) {
                var text = bytes[range]
                if text.last == 13 { text = text.dropLast() }
                let string = String(decoding: text, as: UTF8.self)
                // A line's own time when it starts with one; else just after the line before it (or,
                // before any timed line, the file's time plus the line order). Never earlier than the
                // line before, so a re-import finds its checkpoint.
                let fallback = last == Int64.min ? modified + n : last + 1
                let time = max(Self.leadingTime(string) ?? fallback, last)
                last = time
                lines.append(DockerLine(time: time, text: string))
                n += 1
            }
            for i in bytes.indices where bytes[i] == 10 {
                line(start..<i)
                start = i + 1
                if lines.count >= batchSize {
                    await deliver(.stdout, lines)
                    lines = []
                    progress(start)
                }
            }
            if start < bytes.count { line(start..<bytes.count) }
            await deliver(.stdout, lines)
            progress(bytes.count)
        case .jsonFile:
            try await readJSONFile(batchSize: batchSize, deliver: deliver, progress: progress)
        }
    }

    /// A timestamp at the start of a plain line: RFC 3339 (`2026-11-25T02:00:00.123Z`), or
    /// `2026-11-25 02:00:00[.fff]` / `2026-11-25T02:00:00[,fff]` without a zone, read as local time.
    static func leadingTime(_ line: String) -> Int64? {
        let head = line.prefix(40)
        if let space = head.firstIndex(of: " "), let t = Timestamp.parseRFC3339(head[..<space]) { return t }
        let b = Array(head.utf8)
        guard b.count >= 19, b[4] == 45, b[7] == 45, b[10] == 32 || b[10] == 84, b[13] == 58, b[16] == 58 else { return nil }
        var end = 19
        if end < b.count, b[end] == 46 || b[end] == 44 {
            end += 1
            while end < b.count, end < 29, b[end] >= 48, b[end] <= 57 { end += 1 }
        }
        var text = String(decoding: b[0..<end], as: UTF8.self)
        text = text.replacing(",", with: ".")
        return try? TimeExpression.parse(text)
    }

    /// json-file: one `{"log","stream","time"}` entry per line; entries without a final `\n` are
    /// the 16 KiB parts of a longer line and are joined.
    func readJSONFile(batchSize: Int, deliver: (LogStream, [DockerLine]) async -> Void, progress: (Int) -> Void) async throws(ReadError) {
        var batches: [LogStream: [DockerLine]] = [:]
        var partial: [LogStream: (time: Int64, text: String)] = [:]
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
            defer { start = end + 1 }
            guard end > start else { continue }
            guard let entry = JSONFileEntry.parse(bytes[start..<end]),
                  let time = Timestamp.parseRFC3339(entry.time)
            else {
                for (stream, lines) in batches { await deliver(stream, lines) }
                throw ReadError(path: path, offset: start, reason: end == bytes.count ? "the last entry is cut short" : "not a json-file entry")
            }
            let stream: LogStream = entry.stream == "stderr" ? .stderr : .stdout
            var current = partial[stream] ?? (time, "")
            current.text += entry.log
            if current.text.utf8.last == 10 {
                batches[stream, default: []].append(DockerLine(time: current.time, text: String(decoding: current.text.utf8.dropLast(), as: UTF8.self)))
                partial[stream] = nil
            } else {
                partial[stream] = current
            }
            if batches[stream, default: []].count >= batchSize {
                await deliver(stream, batches[stream]!)
                batches[stream] = []
                progress(end)
            }
        }
        for (stream, rest) in partial { batches[stream, default: []].append(DockerLine(time: rest.time, text: rest.text)) }
        for stream in LogStream.allCases { if let lines = batches[stream], !lines.isEmpty { await deliver(stream, lines) } }
        progress(bytes.count)
    }
}
