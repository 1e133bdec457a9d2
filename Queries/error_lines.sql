-- error_lines: the messages of the error and fatal records of a time range, with how often each
-- occurs, for error signatures (aclog folds the distinct messages: a stack trace is named by its last
-- exception, not its first line).
-- :containers JSON array of container ids; :since :until ns
SELECT c.service, r.message AS line, count(*)
FROM records AS r INDEXED BY records_level_ts
JOIN containers AS c ON c.id = r.container
WHERE r.level >= 5 AND r.ts >= :since AND r.ts < :until
  AND r.container IN (SELECT value FROM json_each(:containers))
GROUP BY 1, 2;
