-- store/begin_run: a run of the collector starts.
INSERT INTO collector_runs (started, heartbeat, pid, docker) VALUES (?, ?, ?, ?);
