-- container_names: the name and service of some containers, by row.
-- :containers JSON array of container ids
SELECT id, name, service FROM containers WHERE id IN (SELECT value FROM json_each(:containers)) ORDER BY id;
