/// The size limit's rule, the same for the collector and `aclog prune`: from 80% of the limit on,
/// the oldest records go until the files are down to 70% of it. The collector checks every second
/// and the WAL grows between checkpoints, so the files stay under the limit while data keeps
/// coming, and pruning does not start again with every commit.
public struct SizeLimit: Sendable, Equatable {
    public let bytes: Int64
    private var shrinking = false

    public init(bytes: Int64) {
        self.bytes = bytes
    }

    var start: Int64 { bytes / 5 * 4 }
    var target: Int64 { bytes / 10 * 7 }

    /// The size to prune down to while the files take `disk` bytes; nil while within the rule.
    mutating func target(disk: Int64) -> Int64? {
        if !shrinking, disk > start { shrinking = true }
        return shrinking ? target : nil
    }

    /// After a step: pruning stops once the files are down to the target.
    mutating func settle(disk: Int64) {
        if shrinking, disk <= target { shrinking = false }
    }
}
