-- panel_memory: average memory per service and time bucket, bytes (dashboard panel: time, service, value).
-- Read from the per-minute rollups (kept 90 days by default): the minutes' averages weighted by their sample
-- counts, as `aclog trend` combines them. Containers of one service running at once are averaged, not added.
-- :since :until ns since the epoch, UTC (:until exclusive); :bucket ns. time is the bucket's start, ns.
-- `container IN (SELECT id FROM containers)` drops no row: it lets SQLite seek each container's time range in the primary key.
SELECT s.ts - ((s.ts % :bucket) + :bucket) % :bucket AS time,
       c.service AS service,
       sum(s.mem_avg * s.samples) / sum(CASE WHEN s.mem_avg IS NOT NULL THEN s.samples END) AS value
FROM samples_1m AS s
JOIN containers AS c ON c.id = s.container
WHERE s.container IN (SELECT id FROM containers)
  AND s.ts >= :since AND s.ts < :until
GROUP BY 1, 2
HAVING value IS NOT NULL
ORDER BY 1, 2;
