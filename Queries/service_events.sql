-- service_events: what happened to each service's containers in a window: restarts, exits with their codes, OOM kills, health changes.
-- A restart is a start that follows a die of the same container.
-- :containers JSON array of container ids; :since :until ns since the epoch, UTC
SELECT c.service,
       CASE WHEN e.action = 'start' AND EXISTS (SELECT 1 FROM events AS d
                                                WHERE d.container = e.container AND d.action = 'die' AND d.ts < e.ts)
            THEN 'restart' ELSE e.action END AS what,
       e.exit_code, e.detail, count(*) AS n
FROM events AS e
JOIN containers AS c ON c.id = e.container
WHERE e.container IN (SELECT value FROM json_each(:containers))
  AND e.ts >= :since AND e.ts < :until
  AND e.action IN ('start', 'die', 'oom', 'health_status')
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3;
