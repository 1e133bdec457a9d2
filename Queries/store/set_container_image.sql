-- store/set_container_image: the image a container was created from, and when it was created.
UPDATE containers SET image_name = :image, image_id = :image_id, image_digest = :digest, created = :created,
    image = CASE WHEN image = '' THEN :image ELSE image END
WHERE id = :row;
