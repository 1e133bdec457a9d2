/// Consecutive record ids told by the container that wrote them, as `record_containers` (migration
/// 16) holds them: each run a varint of (container << 1 | checked) and a varint of its length,
/// little-endian base 128.
public struct ContainerRuns: Equatable, Sendable {
    public struct Run: Equatable, Sendable {
        public var container: Int64
        /// Whether a record of the run must be read to be sure a search's index match is one.
        public var checked: Bool
        public var count: Int64

        public init(container: Int64, checked: Bool, count: Int64) {
            self.container = container
            self.checked = checked
            self.count = count
        }
    }

    public private(set) var runs: [Run] = []

    public init(_ runs: [Run] = []) {
        for run in runs { append(container: run.container, checked: run.checked, count: run.count) }
    }

    /// Adds `count` ids, to the last run when it is of the same container and flag.
    public mutating func append(container: Int64, checked: Bool, count: Int64 = 1) {
        if let last = runs.last, last.container == container, last.checked == checked {
            runs[runs.count - 1].count += count
        } else {
            runs.append(Run(container: container, checked: checked, count: count))
        }
    }

    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(runs.count * 3)
        for run in runs {
            Self.put(UInt64(bitPattern: run.container) << 1 | (run.checked ? 1 : 0), &bytes)
            Self.put(UInt64(run.count), &bytes)
        }
        return bytes
    }

    /// The runs of `bytes`, or nil when they are not so encoded.
    public init?(decoding bytes: UnsafeRawBufferPointer) {
        var at = 0
        while at < bytes.count {
            guard let head = Self.take(bytes, &at), let count = Self.take(bytes, &at), count > 0, count <= UInt64(Int64.max) else { return nil }
            runs.append(Run(container: Int64(bitPattern: head >> 1), checked: head & 1 == 1, count: Int64(count)))
        }
    }

    private static func put(_ value: UInt64, _ bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private static func take(_ bytes: UnsafeRawBufferPointer, _ at: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while at < bytes.count, shift < 64 {
            let byte = bytes[at]
            at += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}
