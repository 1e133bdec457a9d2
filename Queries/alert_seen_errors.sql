-- alert_seen_errors: the distinct messages of the error and fatal records per service, each with
-- when it was last seen, whose signatures a `new_signature` rule knows.
-- :since :until ns
SELECT c.service, r.message AS line, max(r.ts) AS last_ts
FROM records AS r INDEXED BY records_level_ts
JOIN containers AS c ON c.id = r.container
WHERE r.level >= 5 AND r.ts >= :since AND r.ts < :until
GROUP BY 1, 2;
