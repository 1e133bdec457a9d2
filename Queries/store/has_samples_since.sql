-- store/has_samples_since: whether a container has raw samples at or after a time.
SELECT 1 FROM samples WHERE container = ? AND ts >= ? LIMIT 1;
