-- grep_scan: every record of a range, by container and time, for patterns the index cannot narrow
-- (aclog checks each message against the pattern itself). :glob (case kept) or :like (ASCII case
-- folded), when not NULL, says a substring every match contains, so SQLite drops the rest before
-- aclog sees them: GLOB and LIKE read the text where it lies (instr(lower(message)) made a copy of
-- each, and took 2.9 times as long over 10M records).
SELECT r.id, r.ts, c.service, c.name, c.docker_id, r.stream, r.level, r.message, r.raw, r.fields, r.format, r.container
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE r.container IN (SELECT value FROM json_each(:containers))
  AND r.ts >= :since AND r.ts < :until
  AND r.level >= :min_level
  AND (:glob IS NULL OR r.message GLOB :glob)
  AND (:like IS NULL OR r.message LIKE :like ESCAPE '\')
ORDER BY r.container, r.ts, r.id;  -- the index's order: nothing to sort here; aclog merges by time
