-- context_after: the :count records after record :id (at :ts) in its container and stream,
-- oldest first (grep -A / -C).
SELECT r.id, r.ts, c.service, c.name, c.docker_id, r.stream, r.level, r.message, r.raw, r.fields, r.format, r.container
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE r.container = :container AND r.ts >= :ts
  AND r.stream = :stream AND (r.ts > :ts OR r.id > :id)
ORDER BY r.ts, r.id
LIMIT :count;
