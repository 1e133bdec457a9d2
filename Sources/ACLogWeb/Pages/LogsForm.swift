import ACLogRender

/// The logs page's filters, a GET form: submitting it makes the URL that says the whole view.
struct LogsForm {
    let request: WebRequest
    let services: [String]

    var html: String {
        func value(_ name: String) -> String { (request.parameter(name) ?? "").htmlEscaped }
        func option(_ v: String, _ label: String, selected: String?) -> String {
            "<option value=\"\(v)\"\(v == (selected ?? "") ? " selected" : "")>\(label)</option>"
        }
        let serviceList = services.map { "<option value=\"\($0.htmlEscaped)\">" }.joined()
        let levels = [("", "any level")] + ["debug", "info", "warn", "error", "fatal"].map { ($0, "\($0) or worse") }
        let modes = [("text", "words (grep's default)"), ("fixed", "exact text (-F)"), ("regex", "regular expression (-E)")]
        let fields = (request.parameters("field").nonEmpty ?? [""]).map {
            "<input name=\"field\" value=\"\($0.htmlEscaped)\" placeholder=\"http.status>=500\">"
        }.joined()
        return """
            <form class="filters" method="get" action="/logs" role="search">
            <label>Services <input name="service" list="services" value="\(request.parameters("service", splittingCommas: true).joined(separator: ",").htmlEscaped)" placeholder="all (comma-separated)" autocomplete="off"></label>
            <datalist id="services">\(serviceList)</datalist>
            <label class="wide">Text <input id="q" name="q" type="search" value="\(value("q"))" placeholder="Traceback, 'connection refused' … (/ to focus)" aria-keyshortcuts="/"></label>
            <label>Match <select name="mode">\(modes.map { option($0.0, $0.1, selected: request.parameter("mode")) }.joined())</select></label>
            <label class="check"><input type="checkbox" name="i" value="1"\(request.flag("i") ? " checked" : "")> ignore case</label>
            <label class="check"><input type="checkbox" name="w" value="1"\(request.flag("w") ? " checked" : "")> whole words</label>
            <label>Level <select name="level">\(levels.map { option($0.0, $0.1, selected: request.parameter("level")) }.joined())</select></label>
            <label>Field \(fields)</label>
            <label>Since <input name="since" value="\(value("since"))" placeholder="1h, today, 2026-11-25 02:00"></label>
            <label>Until <input name="until" value="\(value("until"))" placeholder="now (live)"></label>
            <label>Around <input name="around" value="\(value("around"))" placeholder="02:14 (± 5 min)"></label>
            <label>Context <input name="C" value="\(value("C"))" size="3" inputmode="numeric" placeholder="0"></label>
            <label>Rows <input name="n" value="\(value("n"))" size="5" inputmode="numeric" placeholder="\(LogsPage.defaultCount)"></label>
            <button type="submit">Show</button>
            </form>
            """
    }
}
