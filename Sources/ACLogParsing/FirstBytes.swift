/// The bytes a format's lines can start with: the chain skips a format whose set lacks a line's
/// first byte, so a traceback frame (two spaces first) costs four formats in a container nothing
/// names, not ten. `FirstBytesTests` tries to make a format accept a line its set rules out.
public struct FirstBytes: Sendable {
    private var bits: (UInt64, UInt64, UInt64, UInt64)

    /// Every byte: the format may accept any line.
    public static let any = FirstBytes(bits: (~0, ~0, ~0, ~0))
    static let digits = FirstBytes("0123456789")
    static let capitals = FirstBytes("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    private init(bits: (UInt64, UInt64, UInt64, UInt64)) { self.bits = bits }

    /// The bytes of `characters` (ASCII).
    init(_ characters: String) {
        bits = (0, 0, 0, 0)
        for byte in characters.utf8 { insert(byte) }
    }

    private mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    func union(_ other: FirstBytes) -> FirstBytes {
        FirstBytes(bits: (bits.0 | other.bits.0, bits.1 | other.bits.1, bits.2 | other.bits.2, bits.3 | other.bits.3))
    }

    @inline(__always) public func contains(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = bits.0
        case 1: word = bits.1
        case 2: word = bits.2
        default: word = bits.3
        }
        return word & (1 << UInt64(byte & 63)) != 0
    }
}
