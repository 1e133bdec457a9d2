-- grep_fts: records whose message matches a full-text query (FTS5 syntax), in the index's order
-- (row order); aclog puts them in time order (an ORDER BY here copied every match into a temporary
-- b-tree on disk).
-- :match       the FTS5 query ("connection refused", timeout OR refused, ...)
-- :containers :since :until :min_level  as in tail.sql
SELECT r.id, r.ts, c.service, c.name, c.docker_id, r.stream, r.level, r.message, r.raw, r.fields, r.format, r.container
FROM records_fts AS f
JOIN records AS r ON r.id = f.rowid
JOIN containers AS c ON c.id = r.container
WHERE records_fts MATCH :match
  AND r.container IN (SELECT value FROM json_each(:containers))
  AND r.ts >= :since AND r.ts < :until
  AND r.level >= :min_level;
