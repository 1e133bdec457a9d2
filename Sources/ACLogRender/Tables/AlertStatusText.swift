import ACLogConfig
import ACLogModel
import ACLogQuery

/// `aclog alerts`: the rules (channels by name and kind, never their URLs), what is firing, and
/// the notifications of the window with what became of them.
public struct AlertStatusText {
    public var utc: Bool

    public init(utc: Bool) {
        self.utc = utc
    }

    public func lines(_ status: AlertStatus, alerts: AlertsConfiguration, span: String) -> [String] {
        var out: [String] = []
        if alerts.rules.isEmpty {
            out.append("rules: none in the configuration (alerts.rules)")
        } else {
            out.append("rules:")
            for rule in alerts.rules {
                let services = rule.services.isEmpty ? "every service" : rule.services.joined(separator: ", ")
                let channels = rule.notify.map { name in "\(name) (\(alerts.channel(name)?.kind.rawValue ?? "?"))" }
                out.append("  \(rule.name) [\(rule.severity.rawValue)]: \(ConfigurationSummary.trigger(rule.trigger)) on \(services)"
                           + " -> \(channels.joined(separator: ", ")), cooldown \(DurationText.elapsed(rule.cooldown))")
            }
        }
        out.append("")
        if status.open.isEmpty {
            out.append("firing: nothing")
        } else {
            out.append("firing:")
            let table = TextTable(header: ["RULE", "SERVICE", "STATE", "SINCE", "LAST", "COUNT", "UNTOLD", "CONTAINER / SIGNATURE"])
            for a in status.open {
                table.add([a.rule, a.service.isEmpty ? "(catch-up)" : a.service, a.state, time(a.firstTime), time(a.lastTime),
                           String(a.occurrences), String(a.unsent), [a.container ?? "", a.signature].filter { !$0.isEmpty }.joined(separator: "  ")])
            }
            out += table.lines(rightAligned: [5, 6]).map { "  " + $0 }
        }
        out.append("")
        if status.history.isEmpty {
            out.append("notifications in the last \(span): none")
        } else {
            out.append("notifications in the last \(span), newest first:")
            let table = TextTable(header: ["MADE", "RULE", "SERVICE", "STATE", "CHANNEL", "COUNT", "DELIVERY", "SUMMARY"])
            for n in status.history {
                table.add([time(n.made), n.rule, n.service.isEmpty ? "(catch-up)" : n.service, n.state, n.channel, String(n.count),
                           delivery(n), String(n.summary.prefix(120))])
            }
            out += table.lines(rightAligned: [5]).map { "  " + $0 }
        }
        return out
    }

    func delivery(_ n: AlertStatus.Notification) -> String {
        let attempts = Plural.count(n.attempts, "attempt")
        switch n.delivery {
        case .sent(let at): return "sent \(time(at))" + (n.attempts > 1 ? " (\(attempts))" : "")
        case .waiting(let due): return "waiting, due \(time(due))" + (n.error.map { " (\(attempts); last: \($0))" } ?? "")
        case .failed(let at): return "FAILED \(time(at)) after \(attempts): \(n.error ?? "")"
        }
    }

    func time(_ t: Int64) -> String { String(Timestamp.display(t, utc: utc).prefix(19)) }

    public static func json(_ status: AlertStatus, alerts: AlertsConfiguration) -> String {
        let rules = alerts.rules.map { rule in
            "{\"name\":\(JSONString.quoted(rule.name)),\"severity\":\"\(rule.severity.rawValue)\","
                + "\"trigger\":\(JSONString.quoted(ConfigurationSummary.trigger(rule.trigger))),"
                + "\"services\":[\(rule.services.map(JSONString.quoted).joined(separator: ","))],"
                + "\"notify\":[\(rule.notify.map(JSONString.quoted).joined(separator: ","))],\"cooldown_s\":\(rule.cooldown / Timestamp.nanosPerSecond)}"
        }
        let open = status.open.map { a in
            "{\"rule\":\(JSONString.quoted(a.rule)),\"service\":\(JSONString.quoted(a.service)),\"signature\":\(JSONString.quoted(a.signature)),"
                + "\"state\":\"\(a.state)\",\"container\":\(a.container.map(JSONString.quoted) ?? "null"),"
                + "\"since\":\"\(Timestamp.rfc3339(a.firstTime))\",\"last\":\"\(Timestamp.rfc3339(a.lastTime))\","
                + "\"occurrences\":\(a.occurrences),\"untold\":\(a.unsent)}"
        }
        let history = status.history.map { n in
            let (delivery, at): (String, Int64) = switch n.delivery {
            case .sent(let t): ("sent", t)
            case .waiting(let t): ("waiting", t)
            case .failed(let t): ("failed", t)
            }
            return "{\"made\":\"\(Timestamp.rfc3339(n.made))\",\"rule\":\(JSONString.quoted(n.rule)),\"service\":\(JSONString.quoted(n.service)),"
                + "\"state\":\"\(n.state)\",\"channel\":\(JSONString.quoted(n.channel)),\"time\":\"\(Timestamp.rfc3339(n.time))\","
                + "\"container\":\(n.container.map(JSONString.quoted) ?? "null"),\"summary\":\(JSONString.quoted(n.summary)),\"count\":\(n.count),"
                + "\"delivery\":\"\(delivery)\",\"delivery_time\":\"\(Timestamp.rfc3339(at))\",\"attempts\":\(n.attempts),"
                + "\"error\":\(n.error.map(JSONString.quoted) ?? "null")}"
        }
        return "{\"rules\":[\(rules.joined(separator: ","))],\"firing\":[\(open.joined(separator: ","))],\"notifications\":[\(history.joined(separator: ","))]}"
    }
}
