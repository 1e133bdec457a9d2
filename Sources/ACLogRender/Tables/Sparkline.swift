/// Unicode block sparklines and bars, for shapes at a glance.
public enum Sparkline {
    public static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Heights from zero to the largest value.
    public static func of(_ values: [Double]) -> String {
        of(values, from: 0)
    }

    /// Heights from `floor` (for example the smallest value, so that small changes of a large
    /// value show) to the largest value.
    public static func of(_ values: [Double], from floor: Double) -> String {
        guard let top = values.max(), top > floor else { return String(repeating: blocks[0], count: values.count) }
        return String(values.map { blocks[min(blocks.count - 1, max(0, Int((($0 - floor) / (top - floor)) * Double(blocks.count - 1) + 0.5)))] })
    }

    /// A bar of `width` cells for `value` out of `top`.
    public static func bar(_ value: Double, of top: Double, width: Int = 12) -> String {
        guard top > 0, value > 0 else { return "" }
        return String(repeating: "█", count: max(1, Int((value / top) * Double(width) + 0.5)))
    }
}
