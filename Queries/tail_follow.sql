-- tail_follow: records stored after row :after_id, for `aclog tail -f`, in time order.
-- :containers JSON array of container ids; :min_level as in tail.sql
SELECT r.id, r.ts, c.service, c.name, c.docker_id, r.stream, r.level, r.message, r.raw, r.fields, r.format
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE r.id > :after_id
  -- '+' keeps SQLite from reading every record of the containers through their index: the new
  -- rows are the last few of the table.
  AND +r.container IN (SELECT value FROM json_each(:containers))
  AND r.level >= :min_level
  /* field filters */
ORDER BY r.ts, r.id;
