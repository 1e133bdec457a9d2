-- container_events: what happened to some containers (started, exited with a code, OOM-killed, health changed, removed, deployed), oldest first; tail shows them among the records.
-- :containers JSON array of container ids; :since :until ns since the epoch, UTC; :after only events with a larger id (0: all).
SELECT e.id, e.ts, c.service, c.name, e.action, e.exit_code, e.detail, e.container
FROM events AS e
JOIN containers AS c ON c.id = e.container
WHERE e.container IN (SELECT value FROM json_each(:containers))
  AND e.ts >= :since AND e.ts < :until AND e.id > :after
  AND e.action IN ('start', 'restart', 'die', 'oom', 'destroy', 'pause', 'unpause', 'health_status', 'deploy')
ORDER BY e.ts, e.id;
