/// A count with its noun: `1 restart`, `2 restarts`, `0 OOM kills`.
public enum Plural {
    public static func count<N: BinaryInteger>(_ n: N, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }
}
