-- store/export_clamp: after records are deleted, no cursor stays above the highest id left. SQLite gives a new record the
-- highest id plus one: with the newest records deleted, new ones reuse ids a cursor has passed, and would never be sent.
UPDATE export_cursors SET last_id = (SELECT coalesce(max(id), 0) FROM records)
WHERE last_id > (SELECT coalesce(max(id), 0) FROM records);
