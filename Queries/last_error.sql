-- last_error: per service, the start of the newest minute with an error or fatal record (from the
-- per-minute counts kept at ingest, so it costs the same whatever the volume).
SELECT c.service, max(n.minute) AS minute
FROM record_counts AS n
JOIN containers AS c ON c.id = n.container
WHERE n.errors > 0
GROUP BY c.service;
