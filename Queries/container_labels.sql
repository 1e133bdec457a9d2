-- container_labels: what a record shows of its container (service, name, Docker id), by row, read
-- once for a search instead of joined to every record. :containers JSON array of container ids
SELECT id, service, name, docker_id FROM containers WHERE id IN (SELECT value FROM json_each(:containers));
