import ACLogConfig
import ACLogModel

/// What an HTTP channel POSTs for a notification: the webhook's JSON object, or the message a
/// chat service or ntfy expects. Log text is written by whoever controls a container: it never
/// becomes a mention, a link or markup on the other side.
struct ChannelMessage {
    var url: String
    var body: String

    init(_ notification: AlertNotification, lines: [String], channel: AlertChannel) {
        switch channel.kind {
        case .ntfy:
            // JSON publishing (to the server's root, naming the topic) carries any text, where
            // ntfy's headers would need it encoded.
            let topicURL = channel.url.value.hasSuffix("/") ? String(channel.url.value.dropLast()) : channel.url.value
            let slash = topicURL.lastIndex(of: "/")!
            url = String(topicURL[..<slash]) + "/"
            var body = "{\"topic\":\(JSONString.quoted(String(topicURL[topicURL.index(after: slash)...])))"
            body += ",\"title\":\(JSONString.quoted(notification.title))"
            body += ",\"message\":\(JSONString.quoted(notification.text(recordLines: lines, limit: 4_000)))"
            body += ",\"priority\":\(Self.ntfyPriority(notification)),\"tags\":[\"\(Self.ntfyTag(notification))\"]"
            if let link = notification.url { body += ",\"click\":\(JSONString.quoted(link))" }
            self.body = body + "}"
        case .slack:
            url = channel.url.value
            let text = "*\(notification.title)*\n" + notification.text(recordLines: lines, limit: 3_500)
            body = "{\"text\":\(JSONString.quoted(Self.slackEscaped(text)))}"
        case .discord:
            url = channel.url.value
            let text = "**\(notification.title)**\n" + notification.text(recordLines: lines, limit: 1_900)
            body = "{\"content\":\(JSONString.quoted(text)),\"allowed_mentions\":{\"parse\":[]}}"
        case .webhook, .exec:
            url = channel.url.value
            body = notification.json
        }
    }

    static func ntfyPriority(_ n: AlertNotification) -> Int {
        guard n.state == "firing" else { return 3 }
        switch n.severity {
        case .critical: return 5
        case .warning: return 4
        case .info: return 3
        }
    }

    static func ntfyTag(_ n: AlertNotification) -> String {
        guard n.state == "firing" else { return "white_check_mark" }
        switch n.severity {
        case .critical: return "rotating_light"
        case .warning: return "warning"
        case .info: return "information_source"
        }
    }

    /// Slack reads `<…>` as links and mentions (`<!channel>`) and `&` as an entity.
    static func slackEscaped(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
    }
}
