-- alert_history: the notifications made in [:since, :until), newest first: fired or resolved,
-- to which channel, for how many occurrences, and whether it was sent, waits, or failed.
SELECT a.rule, a.service, n.channel, n.state, n.made_ts, n.time_ts, n.container, n.summary, n.count,
       n.attempts, n.sent_ts, n.failed_ts, n.due_ts, n.error
FROM alert_notifications AS n JOIN alerts AS a ON a.id = n.alert
WHERE n.made_ts >= :since AND n.made_ts < :until
ORDER BY n.made_ts DESC, n.id DESC
LIMIT :limit;
