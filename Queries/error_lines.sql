-- error_lines: the first lines of the error and fatal records of a time range, with how often each
-- occurs, for error signatures (aclog folds the distinct lines).
-- :containers JSON array of container ids; :since :until ns
SELECT c.service, substr(r.message, 1, instr(r.message || char(10), char(10)) - 1) AS line, count(*)
FROM records AS r INDEXED BY records_level_ts
JOIN containers AS c ON c.id = r.container
WHERE r.level >= 5 AND r.ts >= :since AND r.ts < :until
  AND r.container IN (SELECT value FROM json_each(:containers))
GROUP BY 1, 2;
