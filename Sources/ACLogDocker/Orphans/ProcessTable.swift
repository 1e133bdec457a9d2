#if canImport(Glibc)
import Glibc
#endif

/// What `/proc` says about the processes this user can see.
enum ProcessTable {
    /// The PIDs of every process.
    static func pids() -> [Int32] {
        numberedEntries(of: "/proc")
    }

    /// The file descriptors this process has open (read before any is closed).
    static func openDescriptors() -> [Int32] {
        numberedEntries(of: "/proc/self/fd")
    }

    private static func numberedEntries(of path: String) -> [Int32] {
        guard let directory = opendir(path) else { return [] }
        var numbers: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let number = Int32(name) { numbers.append(number) }
        }
        closedir(directory)
        return numbers
    }

    /// When the process started, in clock ticks since boot (field 22 of `/proc/PID/stat`).
    static func startTime(of pid: Int32) -> UInt64? {
        guard let stat = read("/proc/\(pid)/stat") else { return nil }
        // The command name, field 2, is in parentheses and may hold spaces and ')'.
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
        // Fields after the name start at 3 (state); the start time is field 22.
        guard fields.count > 19 else { return nil }
        return UInt64(String(decoding: fields[19], as: UTF8.self))
    }

    /// The value of `variable` in the environment the process was started with.
    static func environmentValue(_ variable: String, of pid: Int32) -> String? {
        guard let environment = read("/proc/\(pid)/environ") else { return nil }
        let prefix = Array((variable + "=").utf8)
        for entry in environment.split(separator: 0) where entry.starts(with: prefix) {
            return String(decoding: entry.dropFirst(prefix.count), as: UTF8.self)
        }
        return nil
    }

    private static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }
}
