-- store/containers_with_samples: the containers that have raw samples, to roll up.
SELECT id FROM containers WHERE EXISTS (SELECT 1 FROM samples WHERE container = containers.id);
