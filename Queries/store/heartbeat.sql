-- store/heartbeat: the running collector is alive at this time.
UPDATE collector_runs SET heartbeat = ? WHERE id = ?;
