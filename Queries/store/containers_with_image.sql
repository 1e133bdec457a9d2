-- store/containers_with_image: the containers whose image was read, by docker id (the others are
-- read once, when the collector sees them).
SELECT docker_id FROM containers WHERE image_id IS NOT NULL;
