-- store/set_cpu_limit: a container's CPU limit, percent of one core (NULL: none).
UPDATE containers SET cpu_limit = ? WHERE id = ?;
