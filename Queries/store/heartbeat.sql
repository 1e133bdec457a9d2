-- store/heartbeat: the running collector is alive at this time, and every record before `settled` is stored.
UPDATE collector_runs SET heartbeat = ?, settled = ? WHERE id = ?;
