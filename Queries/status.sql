-- status: what `aclog status` counts, from the containers' totals kept at ingest (no scan of the records).
-- The last collector run: started, last heartbeat, pid, stopped (NULL while running or after a crash).
SELECT (SELECT count(*) FROM containers WHERE state = 'running') AS running_containers,
       (SELECT coalesce(sum(record_count), 0) FROM containers) AS records,
       (SELECT min(first_ts) FROM containers) AS oldest_record,
       (SELECT max(last_ts) FROM containers) AS newest_record,
       (SELECT count(*) FROM events) AS events,
       r.started, r.heartbeat, r.pid, r.stopped
FROM (SELECT 1) LEFT JOIN (SELECT * FROM collector_runs ORDER BY id DESC LIMIT 1) AS r;
