-- What the collector was told, for `aclog status` to show: retention per kind of data, the size
-- limit, the sampling interval. Written by each `aclog collect` at start (and by `aclog prune`).
-- Durations in seconds; max_bytes 0 for no limit; keep_logs 0 for for ever.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
