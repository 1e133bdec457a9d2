/// A plain text table with columns sized to their widest cell.
package final class TextTable {
    private let header: [String]
    private var rows: [[String]] = []

    package init(header: [String]) {
        self.header = header
    }

    package func add(_ row: [String]) {
        rows.append(row)
    }

    package func lines(rightAligned: Set<Int> = []) -> [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        return ([header] + rows).map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : (i == row.count - 1 ? cell : cell + pad)
            }.joined(separator: "  ")
        }
    }
}
