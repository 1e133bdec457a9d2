-- grep_scan: the records of a range that match a pattern the index cannot narrow, by container and
-- time (aclog merges the containers by time). aclog_match(message, :pattern, :mode, :flags) is the
-- whole pattern (PatternFunction): SQLite drops what does not match before aclog reads a row.
SELECT r.id, r.ts, c.service, c.name, c.docker_id, r.stream, r.level, r.message, r.raw, r.fields, r.format, r.container
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE r.container IN (SELECT value FROM json_each(:containers))
  AND r.ts >= :since AND r.ts < :until
  AND r.level >= :min_level
  AND aclog_match(r.message, :pattern, :mode, :flags)
ORDER BY r.container, r.ts, r.id;  -- the index's order: nothing to sort here
