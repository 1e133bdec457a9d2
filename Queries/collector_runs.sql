-- collector_runs: when `aclog collect` ran: start, last heartbeat or stop, and whether it stopped cleanly (NULL while running or after a crash).
-- :since :until ns since the epoch, UTC
SELECT started, coalesce(stopped, heartbeat) AS last_seen, stopped IS NOT NULL AS stopped_cleanly, pid
FROM collector_runs
WHERE coalesce(stopped, heartbeat) >= :since AND started < :until
ORDER BY started;
