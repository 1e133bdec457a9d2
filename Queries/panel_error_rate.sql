-- panel_error_rate: share of error and fatal records per service and time bucket, 0 to 1 (dashboard panel: time, service, value).
-- Read from the per-minute counts kept at ingest; the same rate as `aclog errors` (error_rate). Every container.
-- :since :until ns since the epoch, UTC (minute resolution); :bucket ns. time is the bucket's start, ns.
-- `container IN (SELECT id FROM containers)` drops no row: it lets SQLite seek each container's time range in the primary key.
SELECT n.minute - ((n.minute % :bucket) + :bucket) % :bucket AS time,
       c.service AS service,
       1.0 * sum(n.errors) / sum(n.records) AS value
FROM record_counts AS n
JOIN containers AS c ON c.id = n.container
WHERE n.container IN (SELECT id FROM containers)
  AND n.minute >= :since AND n.minute < :until
GROUP BY 1, 2
HAVING sum(n.records) > 0
ORDER BY 1, 2;
