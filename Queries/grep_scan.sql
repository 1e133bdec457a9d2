-- grep_scan: every record of a range, oldest first, for patterns the index cannot narrow
-- (aclog checks each message against the pattern itself).
SELECT r.id, r.ts, c.service, c.name, c.docker_id, r.stream, r.level, r.message, r.raw, r.fields, r.container
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE r.container IN (SELECT value FROM json_each(:containers))
  AND r.ts >= :since AND r.ts < :until
  AND r.level >= :min_level
ORDER BY r.ts, r.id;
