-- tail: the newest records of a container in a time range, newest first (aclog runs it for each
-- container and keeps the newest of all, oldest first).
-- :containers  JSON array of container ids
-- :since :until  nanoseconds since the epoch, UTC; :until is exclusive
-- :min_level   0 for every record, else the lowest level shown (1 trace .. 6 fatal)
-- :limit       how many records at most; -1 for all
-- `aclog tail --field` puts its conditions where "field filters" stands, each as
-- `AND json_extract(record_fields(r.format, r.message, r.fields), :fN_path) <op> :fN_value` with
-- bound path and value (record_fields: aclog reads the fields again from the message).
SELECT r.id, r.ts, c.service, c.name, c.docker_id, r.stream, r.level, r.message, r.raw, r.fields, r.format
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE r.container IN (SELECT value FROM json_each(:containers))
  AND r.ts >= :since AND r.ts < :until
  AND r.level >= :min_level
  /* field filters */
ORDER BY r.ts DESC, r.id DESC
LIMIT :limit;
