-- store/alert_due_notifications: what is waiting to be sent now, oldest first, with its alert, and
-- its records' first lines for chat channels (`TIME LEVEL MESSAGE`, one per line).
SELECT n.id, n.channel, n.state, n.time_ts, n.container, n.summary, n.value, n.count, n.records, n.attempts, n.made_ts,
       a.rule, a.service,
       (SELECT group_concat(json_extract(r.value, '$.time') || ' ' || json_extract(r.value, '$.level') || ' ' ||
               substr(json_extract(r.value, '$.message'), 1,
                      CASE WHEN instr(json_extract(r.value, '$.message'), char(10)) > 0
                           THEN min(200, instr(json_extract(r.value, '$.message'), char(10)) - 1) ELSE 200 END), char(10))
        FROM json_each(n.records) AS r) AS lines
FROM alert_notifications AS n JOIN alerts AS a ON a.id = n.alert
WHERE n.sent_ts IS NULL AND n.failed_ts IS NULL AND n.due_ts <= ?1
ORDER BY n.due_ts, n.id
LIMIT 100;
