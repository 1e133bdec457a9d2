-- store/checkpoints: where each stream of a container was read up to.
SELECT stream, ts, count_at_ts FROM checkpoints WHERE container = ?;
