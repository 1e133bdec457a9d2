/// The bytes a format's lines can start with: the chain skips a format whose set lacks a line's
/// first byte, so a traceback frame (two spaces first) costs four formats in a container nothing
/// names, not ten. `FirstBytesTests` tries to make a format accept a line its set rules out.
public struct FirstBytes: Sendable {
    /// Bit `b % 64` of word `b / 64` is byte `b`.
    private var bits: SIMD4<UInt64>

    /// Every byte: the format may accept any line.
    public static let any = FirstBytes(bits: SIMD4(repeating: ~0))
    static let digits = FirstBytes("0123456789")
    static let capitals = FirstBytes("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    private init(bits: SIMD4<UInt64>) { self.bits = bits }

    /// The bytes of `characters` (ASCII).
    init(_ characters: String) {
        bits = .zero
        for byte in characters.utf8 { bits[Int(byte >> 6)] |= 1 << UInt64(byte & 63) }
    }

    func union(_ other: FirstBytes) -> FirstBytes { FirstBytes(bits: bits | other.bits) }

    @inline(__always) public func contains(_ byte: UInt8) -> Bool {
        bits[Int(byte >> 6)] & (1 << UInt64(byte & 63)) != 0
    }
}
