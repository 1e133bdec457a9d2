-- panel_log_volume: records stored per service and time bucket (dashboard panel: time, service, value).
-- Read from the per-minute counts kept at ingest. Every container; a service's re-created containers count together.
-- :since :until ns since the epoch, UTC (minute resolution); :bucket ns. time is the bucket's start, ns.
-- `container IN (SELECT id FROM containers)` drops no row: it lets SQLite seek each container's time range in the primary key.
SELECT n.minute - ((n.minute % :bucket) + :bucket) % :bucket AS time,
       c.service AS service,
       sum(n.records) AS value
FROM record_counts AS n
JOIN containers AS c ON c.id = n.container
WHERE n.container IN (SELECT id FROM containers)
  AND n.minute >= :since AND n.minute < :until
GROUP BY 1, 2
ORDER BY 1, 2;
