-- grep_scan: every record of a range, by container and time, for patterns the index cannot narrow
-- (aclog checks each message against the pattern itself). :needle, when not NULL, is a substring
-- every match contains (lowercased when :fold is 1), so SQLite drops the rest before aclog sees them.
SELECT r.id, r.ts, c.service, c.name, c.docker_id, r.stream, r.level, r.message, r.raw, r.fields, r.format, r.container
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE r.container IN (SELECT value FROM json_each(:containers))
  AND r.ts >= :since AND r.ts < :until
  AND r.level >= :min_level
  AND (:needle IS NULL OR instr(CASE WHEN :fold THEN lower(r.message) ELSE r.message END, :needle) > 0)
ORDER BY r.container, r.ts, r.id;  -- the index's order: nothing to sort here; aclog merges by time
