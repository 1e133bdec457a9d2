-- records_by_id: the records whose ids are in :ids (a JSON array), in id order; aclog reads a
-- search's many matches back in time order this way, a few hundred at a time.
SELECT r.id, r.ts, c.service, c.name, c.docker_id, r.stream, r.level, r.message, r.raw, r.fields, r.format, r.container
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE r.id IN (SELECT value FROM json_each(:ids));
