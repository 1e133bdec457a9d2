/// Unicode block sparklines and bars, for shapes at a glance.
enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func of(_ values: [Double]) -> String {
        guard let top = values.max(), top > 0 else { return String(repeating: blocks[0], count: values.count) }
        return String(values.map { blocks[min(blocks.count - 1, Int(($0 / top) * Double(blocks.count - 1) + 0.5))] })
    }

    /// A bar of `width` cells for `value` out of `top`.
    static func bar(_ value: Double, of top: Double, width: Int = 12) -> String {
        guard top > 0, value > 0 else { return "" }
        return String(repeating: "█", count: max(1, Int((value / top) * Double(width) + 0.5)))
    }
}
