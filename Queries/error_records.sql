-- error_records: the error and fatal records of a time range, for error signatures.
-- :containers JSON array of container ids; :since :until ns
SELECT c.service, r.message
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE r.level >= 5 AND r.ts >= :since AND r.ts < :until
  AND r.container IN (SELECT value FROM json_each(:containers));
