#if canImport(Glibc)
import Glibc
#endif

/// A file read a block at a time, each chunk ending at a line's end (the rest of the line waits for
/// the next block), so a log file of any size is read in bounded memory. `aclog import` held whole
/// files before: a 192 MB json-file peaked at 391 MB.
struct LineChunks {
    let fd: Int32
    let blockSize: Int
    private var carry: [UInt8] = []
    /// Bytes of the file before the next chunk.
    private(set) var offset = 0
    private var atEnd = false

    init(fd: Int32, blockSize: Int) {
        self.fd = fd
        self.blockSize = max(1, blockSize)
    }

    /// The next lines (the last one without its newline only at the end of the file), with their
    /// offset in the file; nil at the end. Throws the `errno` of a failed read.
    mutating func next() throws(Errno) -> (bytes: [UInt8], offset: Int)? {
        while !atEnd {
            let before = carry.count
            carry.reserveCapacity(before + blockSize)
            let n = try readBlock(appendingTo: &carry)
            if n == 0 { atEnd = true; break }
            if let newline = carry[before...].lastIndex(of: 10) {
                let chunk = Array(carry[...newline])
                carry.removeSubrange(...newline)
                defer { offset += chunk.count }
                return (chunk, offset)
            }
        }
        guard !carry.isEmpty else { return nil }
        let chunk = carry
        carry = []
        defer { offset += chunk.count }
        return (chunk, offset)
    }

    private func readBlock(appendingTo buffer: inout [UInt8]) throws(Errno) -> Int {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: blockSize))
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + start, blockSize) }
            if n >= 0 {
                buffer.removeLast(blockSize - n)
                return n
            }
            if errno != EINTR {
                buffer.removeLast(blockSize)
                throw Errno(code: errno)
            }
        }
    }

    /// A failed read(2).
    struct Errno: Error {
        let code: Int32
        var description: String { String(cString: strerror(code)) }
    }
}
