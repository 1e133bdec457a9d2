-- store/set_checkpoint: where a container's stream was read up to, committed with its records.
INSERT OR REPLACE INTO checkpoints (container, stream, ts, count_at_ts) VALUES (?, ?, ?, ?);
