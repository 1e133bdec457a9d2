-- export_cursors: where the OTLP export to each endpoint stands: its cursor, records sent, refused and lost to retention,
-- since when and its last success and error, the records stored after the cursor and the time of the oldest of them.
SELECT e.endpoint, e.last_id, e.sent, e.rejected, e.missed, e.started, e.last_success, e.last_error,
       (SELECT count(*) FROM records WHERE id > e.last_id) AS behind,
       (SELECT ts FROM records WHERE id > e.last_id ORDER BY id LIMIT 1) AS oldest_unsent
FROM export_cursors AS e
ORDER BY e.endpoint;
