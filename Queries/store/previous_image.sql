-- store/previous_image: the image of the service's container created last before this one (the
-- same compose project), which a deploy replaced; none when its image was never read.
SELECT p.image_name, p.image_id, p.image_digest
FROM containers AS c
JOIN containers AS p ON p.service = c.service AND p.project IS c.project AND p.id <> c.id
WHERE c.id = :row AND p.image_id IS NOT NULL AND p.created <= :created
ORDER BY p.created DESC, p.id DESC
LIMIT 1;
