-- timeline_events: container_events with the kill and stop requests too: a die that follows one was
-- asked for (docker stop, docker rm -f), not a crash.
-- :containers JSON array of container ids; :since :until ns since the epoch, UTC; :after only events with a larger id (0: all).
SELECT e.id, e.ts, c.service, c.name, e.action, e.exit_code, e.detail, e.container
FROM events AS e
JOIN containers AS c ON c.id = e.container
WHERE e.container IN (SELECT value FROM json_each(:containers))
  AND e.ts >= :since AND e.ts < :until AND e.id > :after
  AND e.action IN ('start', 'restart', 'die', 'oom', 'destroy', 'pause', 'unpause', 'health_status', 'deploy', 'kill', 'stop')
ORDER BY e.ts, e.id;
