-- context_before: the :count records before record :id (at :ts) in its container and stream,
-- newest first (grep -B / -C).
SELECT r.id, r.ts, c.service, c.name, c.docker_id, r.stream, r.level, r.message, r.raw, r.fields, r.format, r.container
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE r.container = :container AND r.ts <= :ts
  AND r.stream = :stream AND (r.ts < :ts OR r.id < :id)
ORDER BY r.ts DESC, r.id DESC
LIMIT :count;
