-- store/insert_gap: a span in which records may be missing, and why.
INSERT INTO gaps (container, start_ts, end_ts, reason) VALUES (?, ?, ?, ?);
