import ACLogRender

/// The frame of every page: the navigation, our style sheet and our one script (no inline script:
/// the Content-Security-Policy forbids it), light or dark as the system is.
struct HTMLPage {
    enum Section: String, CaseIterable {
        case overview = "/", logs = "/logs", errors = "/errors", trends = "/trends", timeline = "/timeline", report = "/report"

        var title: String {
            switch self {
            case .overview: "Overview"
            case .logs: "Logs"
            case .errors: "Errors"
            case .trends: "Resources"
            case .timeline: "Timeline"
            case .report: "Report"
            }
        }

        /// The key that opens it (with no field focused).
        var key: String {
            switch self {
            case .overview: "o"
            case .logs: "l"
            case .errors: "e"
            case .trends: "r"
            case .timeline: "t"
            case .report: "n"
            }
        }
    }

    var section: Section
    var title: String
    /// Page-wide data for the script (`data-*` attributes of `<body>`), already escaped.
    var data: [(String, String)] = []

    func render(_ body: String, error: String? = nil) -> String {
        let nav = Section.allCases.map { s in
            "<a href=\"\(s.rawValue)\" data-key=\"\(s.key)\"\(s == section ? " aria-current=\"page\"" : "")>\(s.title)</a>"
        }.joined()
        let attributes = data.map { " data-\($0.0)=\"\($0.1.htmlEscaped)\"" }.joined()
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>\(title.htmlEscaped) · aclog</title>
            <link rel="stylesheet" href="/assets/app.css">
            <script src="/assets/app.js" defer></script>
            </head>
            <body data-page="\(section.title.lowercased())"\(attributes)>
            <header><a class="brand" href="/">aclog</a><nav>\(nav)</nav></header>
            <main>
            \(error.map { "<p class=\"error\" role=\"alert\">\($0.htmlEscaped)</p>" } ?? "")\(body)
            </main>
            </body>
            </html>

            """
    }
}

/// A row of small numbers as an inline SVG line (no script, no style attribute): the overview's
/// sparklines. Missing values break the line.
enum SparklineSVG {
    static func render(_ values: [Double?], label: String, ceiling: Double? = nil, kind: String) -> String {
        let width = 120.0, height = 28.0
        let top = max(ceiling ?? 0, values.compactMap { $0 }.max() ?? 0)
        let step = values.count > 1 ? width / Double(values.count - 1) : width
        var segments: [[String]] = [[]]
        for (i, value) in values.enumerated() {
            guard let value else {
                if !segments[segments.count - 1].isEmpty { segments.append([]) }
                continue
            }
            let y = top > 0 ? height - 2 - value / top * (height - 4) : height - 2
            segments[segments.count - 1].append("\((Double(i) * step).decimal(places: 1)),\(y.decimal(places: 1))")
        }
        let lines = segments.filter { !$0.isEmpty }.map { points in
            points.count == 1 ? "<circle cx=\"\(points[0].split(separator: ",")[0])\" cy=\"\(points[0].split(separator: ",")[1])\" r=\"1.5\"/>"
                : "<polyline points=\"\(points.joined(separator: " "))\"/>"
        }.joined()
        return "<svg class=\"spark \(kind)\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(label.htmlEscaped)\">"
            + "<title>\(label.htmlEscaped)</title>\(lines)</svg>"
    }
}
