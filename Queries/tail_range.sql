-- tail_range: every record of some containers in a time range, in each container's time order.
-- `aclog tail --since` without a count takes this instead of tail.sql: read in the order of the
-- (container, ts) index, nothing is sorted here (tail.sql's ORDER BY over a whole range had SQLite
-- copy every row into a temporary b-tree on disk). aclog runs it once per container and merges
-- them by time as it prints, so memory does not grow with the range.
-- :containers :since :until :min_level  as in tail.sql; field filters as in tail.sql.
SELECT r.id, r.ts, c.service, c.name, c.docker_id, r.stream, r.level, r.message, r.raw, r.fields, r.format
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE r.container IN (SELECT value FROM json_each(:containers))
  AND r.ts >= :since AND r.ts < :until
  AND r.level >= :min_level
  /* field filters */
ORDER BY r.container, r.ts, r.id;
