-- store/end_run: a run of the collector stopped cleanly.
-- ?1 the time, ?2 the run.
UPDATE collector_runs SET stopped = ?1, heartbeat = ?1 WHERE id = ?2;
