import ACLogModel
import FoundationEssentials
import Subprocess
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Reads a saved log file into Docker lines: `docker logs -t` output, Docker's json-file
/// (`<id>-json.log`, rotated `.1`, `.2`), or plain text (times: the file's modification time plus
/// the line order). Gzip files are decompressed by `gzip -dc` into an unlinked temporary file.
/// The file is read a block at a time (`LineChunks`), whatever its size.
public final class LogFileReader {
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
    /// The (decompressed) content's size.
    public let byteCount: Int
    let modified: Int64
    let fd: Int32
    let blockSize: Int

    public convenience init(path: String, format: Format = .auto) async throws(ReadError) {
        try await self.init(path: path, format: format, blockSize: 4 << 20)
    }

    init(path: String, format: Format, blockSize: Int) async throws(ReadError) {
        self.path = path
        self.blockSize = blockSize
        var fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ReadError(path: path, offset: 0, reason: errno == ENOENT ? "no such file" : "not readable (\(String(cString: strerror(errno))))")
        }
        var info = stat()
        fstat(fd, &info)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        if Self.head(fd, 2) == [0x1F, 0x8B] {
            do {
                let plain = try await Self.gunzip(path)
                close(fd)
                fd = plain
            } catch {
                close(fd)
                throw error
            }
            fstat(fd, &info)
        }
        self.fd = fd
        byteCount = Int(info.st_size)
        self.format = format == .auto ? Self.sniff(Self.head(fd, 64)) : format
    }

    deinit {
        close(fd)
    }

    /// The file's name, without its folder.
    public var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The container id in a json-file's name (`<64 hex>-json.log[.N]`), if it has one.
    public var dockerID: String? {
        let name = fileName
        let id = String(name.prefix(64))
        return name.dropFirst(64).hasPrefix("-json.log") && id.allSatisfy(\.isHexDigit) ? id : nil
    }

    /// The first `count` bytes (fewer in a shorter file).
    static func head(_ fd: Int32, _ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, 0) }
        return Array(bytes.prefix(max(0, n)))
    }

    static func sniff(_ start: [UInt8]) -> Format {
        if start.starts(with: Array(#"{"log":"#.utf8)) { return .jsonFile }
        return start.withUnsafeBufferPointer { DockerLineDecoder.timestampPrefix($0) } != nil ? .dockerTimestamps : .plain
    }

    /// `gzip -dc` of the file into a temporary file that is unlinked at once; its descriptor.
    static func gunzip(_ path: String) async throws(ReadError) -> Int32 {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(folder)/aclog-import-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw ReadError(path: path, offset: 0, reason: "no temporary file for gzip's output: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let status: TerminationStatus
        do {
            status = try await run(.path("/bin/gzip"), arguments: ["-dc", "--", path],
                                   output: .fileDescriptor(FileDescriptor(rawValue: fd), closeAfterSpawningProcess: false),
                                   error: .discarded).terminationStatus
        } catch {
            close(fd)
            throw ReadError(path: path, offset: 0, reason: "gzip: \(error)")
        }
        guard status.isSuccess else {
            var info = stat()
            fstat(fd, &info)
            close(fd)
            throw ReadError(path: path, offset: 0, reason: "gzip could not decompress it (truncated or corrupt); \(info.st_size) bytes came out")
        }
        lseek(fd, 0, SEEK_SET)
        return fd
    }

    /// Calls `deliver` with batches of lines per stream, in file order, and `progress` with the bytes
    /// read so far. Throws at the first line that cannot be read, after delivering those before it.
    public func read(
        batchSize: Int = 5_000,
        deliver: (LogStream, [DockerLine]) async -> Void,
        progress: (Int) -> Void = { _ in }
    ) async throws(ReadError) {
        lseek(fd, 0, SEEK_SET)
        var chunks = LineChunks(fd: fd, blockSize: blockSize)
        switch format {
        case .dockerTimestamps, .auto:
            var decoder = DockerLineDecoder()
            while let chunk = try next(&chunks) {
                var lines: [DockerLine] = []
                chunk.bytes.withUnsafeBytes { decoder.feed($0, into: &lines) }
                await deliver(.stdout, lines.map { DockerLine(time: $0.time ?? modified, text: $0.text, continues: $0.continues) })
                progress(chunk.offset + chunk.bytes.count)
            }
            var last: [DockerLine] = []
            decoder.finish(into: &last)
            await deliver(.stdout, last.map { DockerLine(time: $0.time ?? modified, text: $0.text) })
        case .plain:
            var lines: [DockerLine] = []
            var n: Int64 = 0
            var last = Int64.min
            while let chunk = try next(&chunks) {
                var start = 0
                for end in chunk.bytes.indices where chunk.bytes[end] == 10 || end == chunk.bytes.count - 1 {
                    var text = chunk.bytes[start..<(chunk.bytes[end] == 10 ? end : end + 1)]
                    start = end + 1
                    if text.last == 13 { text = text.dropLast() }
                    let string = String(decoding: text, as: UTF8.self)
                    // A line's own time when it starts with one; else just after the line before it
                    // (or, before any timed line, the file's time plus the line order). Never earlier
                    // than the line before, so a re-import finds its checkpoint.
                    let fallback = last == Int64.min ? modified + n : last + 1
                    let time = max(Self.leadingTime(string) ?? fallback, last)
                    last = time
                    lines.append(DockerLine(time: time, text: string))
                    n += 1
                    if lines.count >= batchSize {
                        await deliver(.stdout, lines)
                        lines = []
                        progress(chunk.offset + start)
                    }
                }
            }
            await deliver(.stdout, lines)
            progress(byteCount)
        case .jsonFile:
            try await readJSONFile(&chunks, batchSize: batchSize, deliver: deliver, progress: progress)
        }
    }

    /// The next chunk of whole lines, or nil at the end.
    private func next(_ chunks: inout LineChunks) throws(ReadError) -> (bytes: [UInt8], offset: Int)? {
        do {
            return try chunks.next()
        } catch {
            throw ReadError(path: path, offset: chunks.offset, reason: error.description)
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
    func readJSONFile(_ chunks: inout LineChunks, batchSize: Int, deliver: (LogStream, [DockerLine]) async -> Void,
                      progress: (Int) -> Void) async throws(ReadError) {
        var batches: [LogStream: [DockerLine]] = [:]
        var partial: [LogStream: (time: Int64, text: String)] = [:]
        while let chunk = try next(&chunks) {
            let bytes = chunk.bytes
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
                defer { start = end + 1 }
                guard end > start else { continue }
                guard let entry = JSONFileEntry.parse(bytes[start..<end]),
                      let time = Timestamp.parseRFC3339(entry.time)
                else {
                    for (stream, lines) in batches { await deliver(stream, lines) }
                    let atEnd = end == bytes.count && chunk.offset + end == byteCount
                    throw ReadError(path: path, offset: chunk.offset + start, reason: atEnd ? "the last entry is cut short" : "not a json-file entry")
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
                    progress(chunk.offset + end)
                }
            }
        }
        for (stream, rest) in partial { batches[stream, default: []].append(DockerLine(time: rest.time, text: rest.text)) }
        for stream in LogStream.allCases { if let lines = batches[stream], !lines.isEmpty { await deliver(stream, lines) } }
        progress(byteCount)
    }
}
