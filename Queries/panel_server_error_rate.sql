-- panel_server_error_rate: share of HTTP responses that were 5xx per service and time bucket, 0 to 1 (dashboard panel: time, service, value).
-- Read from the per-minute counts kept at ingest; the same rate as `aclog errors` (server_error_rate). Buckets without
-- requests, and services that log none, give no row. Every container.
-- :since :until ns since the epoch, UTC (minute resolution); :bucket ns. time is the bucket's start, ns.
-- `container IN (SELECT id FROM containers)` drops no row: it lets SQLite seek each container's time range in the primary key.
SELECT n.minute - ((n.minute % :bucket) + :bucket) % :bucket AS time,
       c.service AS service,
       1.0 * sum(n.server_errors) / sum(n.requests) AS value
FROM record_counts AS n
JOIN containers AS c ON c.id = n.container
WHERE n.container IN (SELECT id FROM containers)
  AND n.minute >= :since AND n.minute < :until
GROUP BY 1, 2
HAVING sum(n.requests) > 0
ORDER BY 1, 2;
