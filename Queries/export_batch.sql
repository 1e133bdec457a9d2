-- export_batch: the records stored after id :after, in the order they were stored, with their container: what the OTLP
-- export sends next, up to :limit of them.
SELECT r.id, r.ts, r.stream, r.level, r.message, r.format, r.fields,
       c.docker_id, c.name, c.service, c.project, coalesce(c.image_name, nullif(c.image, '')) AS image
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE r.id > :after
ORDER BY r.id
LIMIT :limit;
