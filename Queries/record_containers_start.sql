-- record_containers_start: the first id whose container record_containers gives (NULL: none). The
-- writer adds a row with every commit since migration 16, so the ids after it have theirs; an id
-- that has none after all (a row dropped for ids given again) is read by aclog grep -c.
SELECT min(first_id) FROM record_containers;
