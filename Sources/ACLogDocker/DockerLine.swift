/// One line of `docker logs --timestamps` output, with Docker's 16 KiB chunks joined again.
public struct DockerLine: Sendable, Equatable {
    /// The Docker timestamp, or nil when the line had no timestamp prefix (the CLI's own messages).
    public var time: Int64?
    /// The bytes the container printed, without the timestamp prefix and the final newline.
    public var text: String
    /// True when the line was longer than the decoder's cap and its rest follows as the next line.
    public var continues: Bool

    public init(time: Int64?, text: String, continues: Bool = false) {
        self.time = time
        self.text = text
        self.continues = continues
    }
}
