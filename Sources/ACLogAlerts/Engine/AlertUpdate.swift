import ACLogModel
import ACLogSQLite

/// What the occurrences of one alert do to it: begin a firing, fold into the notification that
/// waits, count within the cooldown, or resolve it.
struct AlertUpdate {
    let rule: AlertRule
    /// A held alert resolves when its condition ends; an instant one goes quiet after its cooldown.
    let isHeld: Bool
    let key: AlertBook.Key
    let book: AlertBook
    let now: Int64
    let timing: AlertEngine.Timing

    /// Returns whether a notification was made.
    func apply(_ occurrences: [Occurrence]) throws(StoreError) -> Bool {
        var alert = try book.alert(key, firstTime: occurrences[0].time)
        var made = false
        var fresh: [Occurrence] = []
        for occurrence in occurrences {
            if occurrence.kind == .resolves {
                if try tell(fresh, alert: &alert) { made = true }
                fresh = []
                guard alert.state == "firing", alert.occurrences > 0 else { continue }
                alert.state = "resolved"
                alert.lastTime = occurrence.time
                // After the group wait, as the firing it ends: never before it.
                try book.notify(alert.id, channels: rule.notify, state: "resolved", now: now, due: now + timing.groupWait, occurrence: occurrence,
                                count: alert.occurrences, records: [])
                made = true
                continue
            }
            let quietSince = occurrence.time - alert.lastTime >= rule.cooldown
            if alert.state != "firing" || alert.occurrences == 0 || (!isHeld && quietSince) {
                alert.state = "firing"
                alert.firstTime = occurrence.time
                alert.occurrences = 0
            }
            alert.occurrences += 1
            alert.lastTime = max(alert.lastTime, occurrence.time)
            alert.container = occurrence.container
            fresh.append(occurrence)
        }
        if try tell(fresh, alert: &alert) { made = true }
        try book.save(alert, key: key)
        return made
    }

    /// Fresh occurrences fold into the waiting notification, make a new one once the cooldown
    /// has passed since the last, or are counted for the next.
    private func tell(_ fresh: [Occurrence], alert: inout AlertBook.Alert) throws(StoreError) -> Bool {
        guard let first = fresh.first else { return false }
        let records = fresh.compactMap(\.record)
        let services = first.backlog ? Set(fresh.map(\.service)) : []
        if book.isWaiting(alert.id) {
            try book.foldInto(alert.id, count: fresh.count, records: records, services: services)
            return false
        }
        if let notified = alert.notifiedTime, now - notified < rule.cooldown {
            alert.unsent += fresh.count
            alert.unsentRecords = Array((alert.unsentRecords + records).prefix(AlertBook.recordsKept))
            return false
        }
        try book.notify(alert.id, channels: rule.notify, state: "firing", now: now,
                        due: now + (first.backlog ? timing.backlogWait : timing.groupWait), occurrence: first,
                        count: alert.unsent + fresh.count, records: alert.unsentRecords + records,
                        services: services, first: first.summary)
        alert.notifiedTime = now
        alert.unsent = 0
        alert.unsentRecords = []
        return true
    }

    /// After the cooldown: the repeats it counted go out; an instant alert quiet for a cooldown
    /// stops firing.
    func tick(_ current: AlertBook.Alert) throws(StoreError) -> Bool {
        var alert = current
        guard !book.isWaiting(alert.id) else { return false }
        var made = false
        if alert.unsent > 0, let notified = alert.notifiedTime, now - notified >= rule.cooldown {
            let occurrence = Occurrence(time: alert.lastTime, service: key.service, container: alert.container ?? "",
                                        summary: "\(alert.unsent) more since the last notification, the latest at \(Timestamp.rfc3339(alert.lastTime))")
            try book.notify(alert.id, channels: rule.notify, state: "firing", now: now, due: now, occurrence: occurrence,
                            count: alert.unsent, records: alert.unsentRecords)
            alert.notifiedTime = now
            alert.unsent = 0
            alert.unsentRecords = []
            made = true
        } else if !isHeld, alert.state == "firing", now - alert.lastTime >= rule.cooldown, alert.unsent == 0 {
            alert.state = "quiet"
        } else {
            return false
        }
        try book.save(alert, key: key)
        return made
    }
}
