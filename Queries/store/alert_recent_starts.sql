-- store/alert_recent_starts: container starts since ?1 by service, oldest first, for the restart
-- loops of a starting collector.
SELECT c.service, e.ts FROM events AS e JOIN containers AS c ON c.id = e.container
WHERE e.action = 'start' AND e.ts >= ?1
ORDER BY e.ts;
